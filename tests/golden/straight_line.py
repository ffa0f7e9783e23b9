def dstraight_line_dx_dy(x, y, dout=1.0):
    z = x * y + np.sin(x)
    exp_neg_x = np.exp(-x)
    # grad of: return w * z
    dw = dout * z
    dz = dout * (z / y - exp_neg_x)
    # grad of: w = z / y - np.exp(-x)
    dx = dw * exp_neg_x
    dz += dw / y
    dy = -dw * z / (y * y)
    # grad of: z = x * y + np.sin(x)
    dx += dz * np.cos(x)
    dx += dz * y
    dy += dz * x
    return (dx, dy)
