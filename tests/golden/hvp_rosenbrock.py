def ddrosenbrock_dx_forward_dx(x, dout, dx2):
    x_slice2 = x[:-1]
    dx_slice22 = dx2[:-1]
    x_slice_minus_x_slice_squared = x[1:] - x_slice2 ** 2
    dx_slice_minus_x_slice_squared2 = dx2[1:] - dx_slice22 * 2 * x_slice2
    t2 = 100.0 * x_slice_minus_x_slice_squared ** 2 + (1.0 - x[:-1]) ** 2
    # grad of: return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)
    dt2 = tangent.unreduce(dout, t2)
    ddx = tangent.zeros_like(x)
    ddx[:-1] = dt2 * 2 * dx2[:-1]
    dt2_times_100_times_2 = dt2 * 100.0 * 2
    ddx_slice_minus_x_slice_squared = dt2_times_100_times_2 * dx_slice_minus_x_slice_squared2
    t4_times_2 = -(dt2_times_100_times_2 * x_slice_minus_x_slice_squared) * 2
    dt4_times_2 = -ddx_slice_minus_x_slice_squared * 2
    ddx[:-1] = ddx[:-1] + (dt4_times_2 * x_slice2 + t4_times_2 * dx_slice22)
    ddx[1:] = ddx[1:] + ddx_slice_minus_x_slice_squared
    return ddx
