"""numpy.fft: transforms and their inverses (adjoint and tangent)."""
import numpy

import tangent
from tangent.rules.registry import adjoint, tangent_of

d = None  # templates are read as code, never run; `d[x]` names x's derivative
