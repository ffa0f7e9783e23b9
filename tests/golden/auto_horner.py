def dhorner_dx(x, coeffs):
    y = 0.0
    dy = 0.0
    for c in coeffs:
        dy = dy * x + y
        y = y * x + c
    tangent.require_scalar(y)
    return dy
