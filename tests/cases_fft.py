"""Cases for the numpy.fft rules (tangent/rules/fft_rules.py).

The transforms return complex arrays. Each case turns the result into a real
array with `real_view`, which keeps every bin (irfft to an odd length reads
the real and imaginary parts of all bins but the imaginary part of bin 0),
then applies sin so that second derivatives are not trivially zero. Settings
(n or s, axis or axes, norm) are arguments, so the templates are also
exercised with run-time values for them.
"""
import numpy as np

from primitive_case import Case
from tangent.rules.fft_rules import fit

NORMS = (None, 'backward', 'ortho', 'forward')


def real_view(z, axis=-1):
    """A real array from which z can be read back (up to Im(z[0]) along axis)."""
    return np.fft.irfft(z, 2 * np.shape(z)[axis] - 1, axis)


def real(rng, *shape):
    return rng.normal(size=shape)


def cplx(rng, *shape):
    return rng.normal(size=shape) + 1j * rng.normal(size=shape)


def fft_case(x, n, axis, norm):
    return np.sin(real_view(np.fft.fft(x, n, axis, norm), axis))


def ifft_case(x, n, axis, norm):
    return np.sin(real_view(np.fft.ifft(x, n=n, axis=axis, norm=norm), axis))


def rfft_case(x, n, axis, norm):
    return np.sin(real_view(np.fft.rfft(x, n, axis, norm), axis))


def irfft_case(x, n, axis, norm):
    return np.sin(np.fft.irfft(x, n, axis, norm))


def fft2_case(x, s, axes, norm):
    return np.sin(real_view(np.fft.fft2(x, s, axes, norm)))


def ifft2_case(x, s, axes, norm):
    return np.sin(real_view(np.fft.ifft2(x, s=s, axes=axes, norm=norm)))


def fftn_case(x, s, axes, norm):
    return np.sin(real_view(np.fft.fftn(x, s, axes, norm)))


def ifftn_case(x, s, axes, norm):
    return np.sin(real_view(np.fft.ifftn(x, s=s, axes=axes, norm=norm)))


def fftn_default_case(x):
    return np.sin(real_view(np.fft.fftn(x)))


def fit_case(g, like, axes):
    return np.sin(fit(g, like, axes))


CASES = [
    Case(np.fft.fft, fft_case, [
        lambda rng: (real(rng, 6), None, -1, None),
        lambda rng: (cplx(rng, 5), None, -1, 'ortho'),
        lambda rng: (cplx(rng, 3, 4), 6, 1, 'forward'),     # zero padding
        lambda rng: (real(rng, 5, 2), 3, 0, 'backward'),    # cropping
        lambda rng: (cplx(rng, 2, 5, 3), 4, -2, None),
    ], order=2),
    Case(np.fft.ifft, ifft_case, [
        lambda rng: (cplx(rng, 6), None, -1, None),
        lambda rng: (real(rng, 5), None, -1, 'forward'),
        lambda rng: (cplx(rng, 4, 3), 7, 0, 'ortho'),
        lambda rng: (cplx(rng, 3, 6), 4, -1, 'backward'),
    ]),
    Case(np.fft.rfft, rfft_case, [
        lambda rng: (real(rng, 8), None, -1, None),          # even length: a Nyquist bin
        lambda rng: (real(rng, 7), None, -1, 'ortho'),       # odd length: none
        lambda rng: (real(rng, 5, 3), 8, 0, 'forward'),      # zero padding to an even length
        lambda rng: (real(rng, 3, 9), 6, 1, 'backward'),     # cropping
        lambda rng: (real(rng, 2, 3, 5), 7, -1, None),
    ], order=2),
    Case(np.fft.irfft, irfft_case, [
        lambda rng: (cplx(rng, 5), None, -1, None),          # output length 8
        lambda rng: (cplx(rng, 5), 9, -1, 'ortho'),          # odd output length
        lambda rng: (cplx(rng, 4, 3), 10, 0, 'forward'),     # fewer bins than needed: padded
        lambda rng: (cplx(rng, 2, 6), 5, 1, 'backward'),     # more bins than needed: cropped
        lambda rng: (real(rng, 4, 2), None, 0, None),        # a real half spectrum
    ], order=2),
    Case(np.fft.fft2, fft2_case, [
        lambda rng: (real(rng, 3, 4), None, (-2, -1), None),
        lambda rng: (cplx(rng, 4, 3), (5, 2), (-2, -1), 'ortho'),
        lambda rng: (cplx(rng, 3, 2, 4), (2, 5), (0, 2), 'forward'),
        lambda rng: (real(rng, 2, 3, 4), None, (1, 2), 'backward'),
    ], order=2),
    Case(np.fft.ifft2, ifft2_case, [
        lambda rng: (cplx(rng, 3, 4), None, (-2, -1), None),
        lambda rng: (real(rng, 4, 3), (2, 5), (-2, -1), 'forward'),
        lambda rng: (cplx(rng, 2, 3, 4), (3, 3), (0, 1), 'ortho'),
    ]),
    Case(np.fft.fftn, fftn_case, [
        lambda rng: (real(rng, 2, 3, 4), None, None, None),
        lambda rng: (cplx(rng, 3, 4), (4, 2), (0, 1), 'ortho'),
        lambda rng: (cplx(rng, 2, 3, 4), (3,), (1,), 'forward'),
        lambda rng: (real(rng, 2, 3, 4), None, (0, 2), 'backward'),
    ]),
    Case(np.fft.fftn, fftn_default_case, [
        lambda rng: (cplx(rng, 3, 2, 3),),
    ]),
    Case(np.fft.ifftn, ifftn_case, [
        lambda rng: (cplx(rng, 2, 3, 4), None, None, None),
        lambda rng: (real(rng, 3, 4), (2, 6), (0, 1), 'forward'),
        lambda rng: (cplx(rng, 2, 3, 4), None, (2, 0), 'ortho'),
    ]),
    Case(fit, fit_case, [
        lambda rng: (real(rng, 6), np.zeros(4), -1),                     # crop
        lambda rng: (cplx(rng, 3), np.zeros(5), 0),                      # pad, then real part
        lambda rng: (cplx(rng, 3, 4), np.zeros((5, 2)), (0, 1)),         # both along two axes
        lambda rng: (real(rng, 3, 4), np.zeros((3, 4), complex), (-1,)),  # a real gradient of a complex input
    ], wrt=(0,), order=2),
]
