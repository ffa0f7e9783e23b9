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
        dtanh_x_i_at_W = tangent.copy(dout[i])
        dout[i] = 0.0
        dx_i_at_W = dtanh_x_i_at_W * (1.0 - tanh_x_i_at_W * tanh_x_i_at_W)
        tanh_x_i_at_W = stack.pop()
        dW = dW + tangent.matmul_adjoint_b(dx_i_at_W, x_i, W)
        dx[i] += tangent.matmul_adjoint_a(dx_i_at_W, x_i, W)
        x_i = stack.pop()
    return (dx, dW)
