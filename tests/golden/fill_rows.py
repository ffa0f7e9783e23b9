def dfill_rows_dx_dW(x, W, dout2=1.0):
    tanh_x_i_at_W = None
    x_i = None
    stack = tangent.Stack()
    out = np.zeros((x.shape[0], W.shape[1]))
    x_shape_02 = x.shape[0]
    for i in range(x_shape_02):
        stack.push(x_i)
        x_i = x[i]
        stack.push(tanh_x_i_at_W)
        tanh_x_i_at_W = np.tanh(x_i @ W)
        out[i] = tanh_x_i_at_W
    # grad of: return np.sum(out ** 2)
    dout = tangent.unreduce(dout2, out ** 2) * 2 * out
    dW = tangent.zeros_like(W)
    dx = tangent.zeros_like(x)
    for i in reversed(range(x_shape_02)):
        # grad of: out[i] = np.tanh(x[i] @ W)
        dx_i_at_W = dout[i] * (1.0 - tanh_x_i_at_W * tanh_x_i_at_W)
        dout[i] = 0.0
        tanh_x_i_at_W = stack.pop()
        dW += np.outer(x_i, dx_i_at_W)
        dx[i] += W @ dx_i_at_W
        x_i = stack.pop()
    return (dx, dW)
