def ddrosenbrock_dx_forward_dx(x, dout, dx2):
    x_slice2 = x[:-1]
    dx_slice22 = dx2[:-1]
    # grad of: return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)
    ddx = tangent.zeros_like(x)
    ddx[:-1] = dout * 2 * dx_slice22
    dout_times_100_times_2 = dout * 100.0 * 2
    dx_slice_minus_x_slice2_squared = dx2[1:] - dx_slice22 * 2 * x_slice2
    ddx_slice_minus_x_slice_squared = dout_times_100_times_2 * dx_slice_minus_x_slice2_squared
    t2 = dout_times_100_times_2 * (x[1:] - x_slice2 ** 2) * -2
    ddx[:-1] += ddx_slice_minus_x_slice_squared * -2 * x_slice2 + t2 * dx_slice22
    ddx[1:] += ddx_slice_minus_x_slice_squared
    return ddx
