def dmlp_loss_dW1_db1_dW2_db2(W1, b1, W2, b2, x, y, dout=1.0):
    h = np.tanh(x @ W1 + b1)
    # grad of: return np.mean((prediction - y) ** 2)
    dprediction = dout / 8 * 2 * (h @ W2 + b2 - y)
    # grad of: prediction = h @ W2 + b2
    db2 = dprediction.sum(axis=0)
    dW2 = h.T @ dprediction
    # grad of: h = np.tanh(x @ W1 + b1)
    dx_at_W1_plus_b1 = dprediction @ W2.T * (1.0 - h * h)
    db1 = dx_at_W1_plus_b1.sum(axis=0)
    dW1 = x.T @ dx_at_W1_plus_b1
    return (dW1, db1, dW2, db2)
