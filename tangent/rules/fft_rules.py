"""numpy.fft: transforms and their inverses (adjoint and tangent).

Every transform here is linear, so its tangent is the same transform applied
to the input's tangent, and its adjoint is the transposed map.

Complex values. A complex array is treated as a pair of real arrays, and
derivatives are taken with respect to the real inner product

    <a, b> = Re(sum(conj(a) * b)).

The adjoint of a linear map L is the map L* with <L v, w> = <v, L* w> for
every v and w (this is what `tangent.check_grads` tests). Hence:

* fft, ifft, fft2, ifft2, fftn, ifftn are complex-linear. Their adjoint is the
  conjugate transpose, which is the opposite transform with the dual
  normalisation: the adjoint of fft(., norm='backward') is
  ifft(., norm='forward'), 'ortho' is its own dual. Zero padding or cropping
  to `n`/`s` is undone by cropping or zero padding the gradient back.
* rfft maps real arrays to half spectra. Its adjoint is real: the gradient is
  the real part of the conjugate-transposed full transform, computed as irfft
  of the gradient with its non-DC, non-Nyquist bins halved (irfft counts them
  twice, through Hermitian symmetry; it counts the DC bin and, for even
  lengths, the Nyquist bin once).
* irfft maps half spectra to real arrays; its adjoint is the rfft of the
  gradient with the same bins doubled.
* Where an input was real (a real array passed to fft, say) its gradient is
  the real part of the complex adjoint: the gradient of a real input is real.

The same convention is documented, with an example, in docs/complex.md.
"""
import numbers

import numpy

from tangent.rules.registry import adjoint, inert_arguments, linear, non_differentiable, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative

_DUAL_NORM = {None: 'forward', 'backward': 'forward', 'ortho': 'ortho', 'forward': 'backward'}


# Helpers the generated code calls.


def dual_norm(norm):
    """The normalisation of the adjoint transform: 'backward' <-> 'forward', 'ortho' stays."""
    try:
        return _DUAL_NORM[norm]
    except (KeyError, TypeError):
        raise ValueError('Invalid norm value %r; should be "backward", "ortho" or "forward".'
                         % (norm,)) from None


def transform_axes(a, s=None, axes=None):
    """The axes an n-dimensional transform works on, as numpy.fft.fftn chooses them."""
    if axes is not None:
        return (axes,) if isinstance(axes, numbers.Integral) else tuple(axes)
    ndim = numpy.ndim(a)
    if s is None:
        return tuple(range(ndim))
    return tuple(range(ndim - len(s), ndim))


def fit(g, like, axes):
    """`g` cropped or zero-padded along `axes` to the lengths of `like` along them.

    The real part is taken when `like` is real: the gradient of a real input
    is real. The map is linear in `g`, and its adjoint is `fit(., g, axes)`.
    """
    g = numpy.asarray(g)
    axes = (axes,) if isinstance(axes, numbers.Integral) else tuple(axes)
    target = numpy.shape(like)
    crop = [slice(None)] * g.ndim
    pad = [(0, 0)] * g.ndim
    for axis in axes:
        have, want = g.shape[axis], target[axis]
        if have > want:
            crop[axis] = slice(0, want)
        elif have < want:
            pad[axis] = (0, want - have)
    g = g[tuple(crop)]
    if any(after for _, after in pad):
        g = numpy.pad(g, pad)
    if numpy.iscomplexobj(g) and not numpy.iscomplexobj(like):
        g = numpy.real(g)
    return g


def half_spectrum_weights(a, n, axis, inverse=False):
    """How often irfft counts each bin of a half spectrum, shaped to broadcast along `axis`.

    For a real signal of length n, the bins 0 < k < n/2 stand for two bins of
    the full spectrum (k and n - k) and get weight 2; the DC bin and, for even
    n, the Nyquist bin get weight 1. `inverse=False`: for rfft's adjoint, the
    length n defaults to a's length along axis and the weights are 1/count;
    `inverse=True`: for irfft's adjoint, n defaults to 2 * (m - 1) for an
    input with m bins and the weights are the counts.
    """
    ndim = numpy.ndim(a)
    axis = axis % ndim
    if n is None:
        n = numpy.shape(a)[axis]
        if inverse:
            n = 2 * (n - 1)
    bins = n // 2 + 1
    count = numpy.full(bins, 2.0)
    count[0] = 1.0
    if n % 2 == 0:
        count[-1] = 1.0
    weights = count if inverse else 1.0 / count
    dtype = numpy.finfo(numpy.result_type(a, numpy.float32)).dtype  # float32 stays float32
    return numpy.reshape(weights.astype(dtype), (bins,) + (1,) * (ndim - 1 - axis))


def signal_length(a, n, axis, inverse=False):
    """The length of the real signal: n, else a's length (rfft) or 2 * (m - 1) (irfft)."""
    if n is not None:
        return n
    m = numpy.shape(a)[axis]
    return 2 * (m - 1) if inverse else m


non_differentiable(dual_norm, transform_axes, half_spectrum_weights, signal_length)
linear(fit, 0)
inert_arguments(fit, 1)


@tangent_of(fit)
def fit_tangent(y, g, like, axes):
    d[y] = fit(d[g], like, axes)


@adjoint(fit)
def fit_adjoint(y, g, like, axes):
    d[g] = fit(d[y], g, axes)


# One-dimensional complex transforms.


@adjoint(numpy.fft.fft)
def fft(y, a, n=None, axis=-1, norm=None, out=None):
    d[a] = fit(numpy.fft.ifft(d[y], None, axis, dual_norm(norm)), a, axis)


@tangent_of(numpy.fft.fft)
def fft_tangent(y, a, n=None, axis=-1, norm=None, out=None):
    d[y] = numpy.fft.fft(d[a], n, axis, norm)


@adjoint(numpy.fft.ifft)
def ifft(y, a, n=None, axis=-1, norm=None, out=None):
    d[a] = fit(numpy.fft.fft(d[y], None, axis, dual_norm(norm)), a, axis)


@tangent_of(numpy.fft.ifft)
def ifft_tangent(y, a, n=None, axis=-1, norm=None, out=None):
    d[y] = numpy.fft.ifft(d[a], n, axis, norm)


# Real transforms: half spectra.


@adjoint(numpy.fft.rfft)
def rfft(y, a, n=None, axis=-1, norm=None, out=None):
    d[a] = fit(numpy.fft.irfft(d[y] * half_spectrum_weights(a, n, axis), signal_length(a, n, axis),
                               axis, dual_norm(norm)), a, axis)


@tangent_of(numpy.fft.rfft)
def rfft_tangent(y, a, n=None, axis=-1, norm=None, out=None):
    d[y] = numpy.fft.rfft(d[a], n, axis, norm)


@adjoint(numpy.fft.irfft)
def irfft(y, a, n=None, axis=-1, norm=None, out=None):
    d[a] = fit(numpy.fft.rfft(d[y], signal_length(a, n, axis, True), axis, dual_norm(norm))
               * half_spectrum_weights(a, n, axis, True), a, axis)


@tangent_of(numpy.fft.irfft)
def irfft_tangent(y, a, n=None, axis=-1, norm=None, out=None):
    d[y] = numpy.fft.irfft(d[a], n, axis, norm)


# Two- and n-dimensional complex transforms.


@adjoint(numpy.fft.fft2)
def fft2(y, a, s=None, axes=(-2, -1), norm=None, out=None):
    d[a] = fit(numpy.fft.ifftn(d[y], None, axes, dual_norm(norm)), a, axes)


@tangent_of(numpy.fft.fft2)
def fft2_tangent(y, a, s=None, axes=(-2, -1), norm=None, out=None):
    d[y] = numpy.fft.fft2(d[a], s, axes, norm)


@adjoint(numpy.fft.ifft2)
def ifft2(y, a, s=None, axes=(-2, -1), norm=None, out=None):
    d[a] = fit(numpy.fft.fftn(d[y], None, axes, dual_norm(norm)), a, axes)


@tangent_of(numpy.fft.ifft2)
def ifft2_tangent(y, a, s=None, axes=(-2, -1), norm=None, out=None):
    d[y] = numpy.fft.ifft2(d[a], s, axes, norm)


@adjoint(numpy.fft.fftn)
def fftn(y, a, s=None, axes=None, norm=None, out=None):
    d[a] = fit(numpy.fft.ifftn(d[y], None, transform_axes(a, s, axes), dual_norm(norm)), a,
               transform_axes(a, s, axes))


@tangent_of(numpy.fft.fftn)
def fftn_tangent(y, a, s=None, axes=None, norm=None, out=None):
    d[y] = numpy.fft.fftn(d[a], s, transform_axes(a, s, axes), norm)


@adjoint(numpy.fft.ifftn)
def ifftn(y, a, s=None, axes=None, norm=None, out=None):
    d[a] = fit(numpy.fft.fftn(d[y], None, transform_axes(a, s, axes), dual_norm(norm)), a,
               transform_axes(a, s, axes))


@tangent_of(numpy.fft.ifftn)
def ifftn_tangent(y, a, s=None, axes=None, norm=None, out=None):
    d[y] = numpy.fft.ifftn(d[a], s, transform_axes(a, s, axes), norm)


for _function in (numpy.fft.fft, numpy.fft.ifft, numpy.fft.rfft, numpy.fft.irfft, numpy.fft.fft2,
                  numpy.fft.ifft2, numpy.fft.fftn, numpy.fft.ifftn):
    linear(_function, 0)
