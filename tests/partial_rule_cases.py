import numpy as np
import tangent

def uses(x):
    return np.sum(partial_rule(x, x * 2.0))

def partial_rule(a, b):
    return a * b

@tangent.adjoint(partial_rule)
def _partial(y, a, b):
    d[a] = d[y] * b
