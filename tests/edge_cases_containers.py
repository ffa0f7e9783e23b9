import numpy as np

def h(x):
    x = x[:-1]
    return np.sum(x * x)

def lst(a, b):
    v = [a, b, a * b]
    v = v[:-1]
    return v[0] * v[1]

def nested(a, b):
    t = [[a, b], [b, a]]
    u = t[1]
    v = t[0]
    return u[0] * u[1] + v[0]

def f3(x):
    return np.sum((x * 1.0) * x[0])
