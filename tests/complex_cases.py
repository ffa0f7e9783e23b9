"""Functions of complex values for the reverse-mode convention tests (docs/complex.md)."""
import numpy as np

PHASE = np.exp(0.3j * np.arange(3))  # a complex global


def product_energy(z, w):
    return np.sum(np.abs(z * w) ** 2)


def quotient_and_matmul(z, w):
    return np.sum(np.abs(z / w + z @ np.outer(w, w)) ** 2)


def holomorphic_then_real(z):
    return np.real(np.sum(z * z * np.exp(z) + np.sin(z) / (1.0 + z ** 2)))


def real_input_complex_inside(x):
    z = x * (1.0 + 2.0j) + 1j * x ** 2
    return np.sum(np.abs(z) ** 2) + np.imag(np.sum(z * z))


def via_complex_global(x):
    return np.sum(np.abs(x * PHASE + 1.0) ** 2)


def make_phasor(x):
    return np.exp(1j * x)


def via_callee(x, w):
    return np.sum(np.real(make_phasor(x) * w))


def python_complex_scalars(z, x):
    y = z * z * x + z / (x + 2.0)
    return abs(y) ** 2


def learnable_filter(x, h):
    spectrum = np.fft.fft(x)
    return np.sum(np.abs(np.fft.ifft(spectrum * h)) ** 2)


def real_function_of_complex(z):
    return np.var(z) + np.linalg.norm(z) + np.std(z * z)


def complex_in_a_dict(params, x):
    return np.sum(np.abs(params['z'] * x + params['z'] ** 2) ** 2)
