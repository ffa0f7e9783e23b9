def dfor_loop_dx(x, n):
    s = 0.0
    ds = 0.0
    for i in range(n):
        ds = ds + i
        s = s + x * i
        if s > 3.0:
            ds = ds * x + s
            s = s * x
    return ds
