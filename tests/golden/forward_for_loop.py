def dfor_loop_forward_dx(x, n, dx):
    s = 0.0
    ds = 0.0
    for i in range(n):
        ds = ds + dx * i
        s = s + x * i
        if s > 3.0:
            ds = ds * x + s * dx
            s = s * x
    return ds
