def dwhile_break_dx(x, dout=1.0):
    y = x
    k = 0
    stop = False
    k_lt_10 = k < 10
    trips = 0
    while k_lt_10:
        trips = trips + 1
        y = y * 1.4
        if y > 5.0:
            stop = True
        if not stop:
            k = k + 1
        if stop:
            break
        k_lt_10 = k < 10
    # grad of: return y * y
    dy = dout * y + dout * y
    for _ in range(trips):
        # grad of: y = y * 1.4
        dy = dy * 1.4
    # grad of: y = x
    dx = dy
    return dx
