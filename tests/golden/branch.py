def dbranch_dx(x, dout=1.0):
    x_gt_0 = x > 0.0
    # grad of: return y + 1.0
    if x_gt_0:
        # grad of: y = x * x
        dx = dout * x + dout * x
    else:
        # grad of: y = -3.0 * x
        dx = dout * -3.0
    return dx
