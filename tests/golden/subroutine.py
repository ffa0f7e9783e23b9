def dsubroutine_dx_dw(x, w, dout=1.0):
    h = helper(x, w)
    # grad of: return np.sum(helper(h, w) ** 2)
    dh, dw = tangent.autodiff(helper, wrt=(0, 1))(h, w, dout * 2 * helper(h, w))
    # grad of: h = helper(x, w)
    dx, dw_from_helper2 = tangent.autodiff(helper, wrt=(0, 1))(x, w, dh)
    dw = dw + dw_from_helper2
    return (dx, dw)
