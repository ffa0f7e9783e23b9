def dmlp_loss_dW1_db1_dW2_db2(W1, b1, W2, b2, x, y, dout=1.0):
    x_at_W1 = x @ W1
    h = np.tanh(x_at_W1 + b1)
    h_at_W2 = h @ W2
    prediction = h_at_W2 + b2
    prediction_minus_y = prediction - y
    prediction_minus_y_squared = prediction_minus_y ** 2
    # grad of: return np.mean((prediction - y) ** 2)
    dprediction_minus_y_squared = tangent.unreduce(dout / tangent.reduced_count(prediction_minus_y_squared), prediction_minus_y_squared)
    dprediction_minus_y = dprediction_minus_y_squared * 2 * prediction_minus_y
    dprediction = tangent.unbroadcast(dprediction_minus_y, prediction)
    # grad of: prediction = h @ W2 + b2
    dh_at_W2 = tangent.unbroadcast(dprediction, h_at_W2)
    db2 = tangent.unbroadcast(dprediction, b2)
    dW2 = tangent.matmul_adjoint_b(dh_at_W2, h, W2)
    # grad of: h = np.tanh(x @ W1 + b1)
    dx_at_W1_plus_b1 = tangent.matmul_adjoint_a(dh_at_W2, h, W2) * (1.0 - h * h)
    db1 = tangent.unbroadcast(dx_at_W1_plus_b1, b1)
    dW1 = tangent.matmul_adjoint_b(tangent.unbroadcast(dx_at_W1_plus_b1, x_at_W1), x, W1)
    return (dW1, db1, dW2, db2)
