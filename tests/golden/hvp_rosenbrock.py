def ddrosenbrock_dx_forward_dx(x, dout, dx2):
    x_slice = x[1:]
    x_slice2 = x[:-1]
    dx_slice22 = dx2[:-1]
    x_slice_squared = x_slice2 ** 2
    x_slice_minus_x_slice_squared = x_slice - x_slice_squared
    dx_slice_minus_x_slice_squared2 = dx2[1:] - dx_slice22 * 2 * x_slice2
    t100_times_t = 100.0 * x_slice_minus_x_slice_squared ** 2
    t1_minus_x_slice = 1.0 - x[:-1]
    t1_minus_x_slice_squared = t1_minus_x_slice ** 2
    # grad of: return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)
    dt2 = tangent.unreduce(dout, t100_times_t + t1_minus_x_slice_squared)
    dx = tangent.zeros_like(x)
    t3_times_2 = tangent.unbroadcast(dt2, t1_minus_x_slice_squared) * 2
    t4 = t3_times_2 * t1_minus_x_slice
    dneg_t4 = -tangent.broadcast_like(t3_times_2 * -dx2[:-1], t4)
    dx_slice_plus_neg_t4 = dx[:-1] + -t4
    dx[:-1] = dx_slice_plus_neg_t4
    ddx = tangent.zeros_like(dx)
    ddx[:-1] = tangent.broadcast_like(dneg_t4, dx_slice_plus_neg_t4)
    dt_times_2 = tangent.unbroadcast(dt2, t100_times_t) * 100.0 * 2
    dx_slice_minus_x_slice_squared = dt_times_2 * x_slice_minus_x_slice_squared
    ddx_slice_minus_x_slice_squared = tangent.broadcast_like(dt_times_2 * dx_slice_minus_x_slice_squared2, dx_slice_minus_x_slice_squared)
    dt5 = -ddx_slice_minus_x_slice_squared
    dx_slice_squared = tangent.unbroadcast(-dx_slice_minus_x_slice_squared, x_slice_squared)
    ddx_slice_squared_times_2 = tangent.unbroadcast(dt5, x_slice_squared) * 2
    dt6 = ddx_slice_squared_times_2 * x_slice2 + dx_slice_squared * 2 * dx_slice22
    ddx[:-1] = ddx[:-1] + dt6
    ddx[1:] = ddx[1:] + tangent.unbroadcast(ddx_slice_minus_x_slice_squared, x_slice)
    return ddx
