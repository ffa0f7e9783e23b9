def dfor_loop_dx(x, n, ds=1.0):
    stack = tangent.Stack()
    s = 0.0
    for i in range(n):
        s = s + x * i
        s_gt_3 = s > 3.0
        if s_gt_3:
            stack.push(s)
            s = s * x
        stack.push(s_gt_3)
    dx = 0.0
    for i in reversed(range(n)):
        s_gt_3 = stack.pop()
        if s_gt_3:
            # grad of: s = s * x
            s = stack.pop()
            dx += ds * s
            ds = ds * x
        # grad of: s = s + x * i
        dx += ds * i
    return dx
