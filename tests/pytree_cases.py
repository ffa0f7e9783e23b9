"""Functions over containers (pytrees): dataclasses, namedtuples, dicts, lists,
registered classes, nested two levels and more, as arguments and as results."""
import collections
import dataclasses
import typing

import numpy as np

import tangent


@dataclasses.dataclass
class Dense:
    W: np.ndarray
    b: np.ndarray


@dataclasses.dataclass(frozen=True)
class Frozen:
    scale: float
    shift: np.ndarray
    name: str = 'frozen'   # a field that carries no gradient
    steps: int = 3         # an integer field used for control flow


class Pair(typing.NamedTuple):
    first: float
    second: np.ndarray


Point = collections.namedtuple('Point', ['x', 'y'])


@dataclasses.dataclass
class Model:
    layers: list            # a list of Dense: containers nested two levels
    head: Pair


class Affine:
    """A plain class made differentiable with tangent.register_container."""

    def __init__(self, W, b):
        self.W = W
        self.b = b


tangent.register_container(Affine, lambda a: {'W': a.W, 'b': a.b},
                           lambda fields: Affine(fields['W'], fields['b']))


@dataclasses.dataclass
class Checked:
    value: float

    def __post_init__(self):
        self.value = float(self.value)


# Containers as arguments

def dense_loss(layer, x):
    return np.sum(np.tanh(x @ layer.W + layer.b) ** 2)


def frozen_loss(p, x):
    y = x
    for _ in range(p.steps):
        y = np.sin(y) * p.scale + p.shift
    return np.sum(y)


def namedtuple_fields(p):
    return p.first * np.sum(p.second ** 2)


def point_norm(q):
    return np.sqrt(q.x ** 2 + q.y ** 2)


def model_loss(model, x):
    h = x
    for layer in model.layers:
        h = np.tanh(h @ layer.W + layer.b)
    return model.head.first * np.sum(h * model.head.second)


def dict_of_records(params, x):
    return np.sum(params['enc'].W * x) + params['scale'] * np.sum(params['enc'].b)


def registered_loss(a, x):
    return np.sum((a.W @ x + a.b) ** 2)


def read_field_twice(p):
    return p.scale * p.scale + np.sum(p.shift) * p.scale


def field_chain(model):
    return model.head.first ** 3


def outer_inner(p):
    p = p.head
    return p.first * np.sum(p.second)


# Building containers inside the function

def build_dataclass(w, b, x):
    layer = Dense(W=w, b=b)
    return dense_loss(layer, x)


def build_namedtuple(a, b):
    q = Point(a * 2.0, b)
    return point_norm(q)


def build_positional_record(w, b):
    layer = Dense(w, b)
    return np.sum(layer.W) * np.sum(layer.b ** 2)


def build_and_return(x):
    return Dense(W=x * 2.0, b=np.sin(x))


def return_nested(x, p):
    return {'pair': Pair(p.first * x[0], np.cos(x)), 'parts': [x * p.first, p.second ** 2]}


def update_record(layer, g):
    """A parameter update: a new record from an old one, as training code writes it."""
    return Dense(W=layer.W - 0.1 * g * layer.W, b=layer.b * g)


def scale_record(p, s):
    return Pair(p.first * s, p.second * s)


def through_helper(p, s):
    q = scale_record(p, s)
    return q.first + np.sum(q.second)


def record_in_loop(p, x):
    total = 0.0
    for i in range(3):
        p = Pair(p.first * x, p.second + i)
        total = total + p.first * np.sum(p.second)
    return total


def refused_array_attribute(x):
    return np.sum(x.real)


def refused_registered_build(w, b):
    a = Affine(w, b)
    return np.sum(a.W)


def refused_post_init(x):
    c = Checked(x)
    return c.value


def field_in_both_branches(p, x):
    return p.scale * x if x > 0.0 else p.scale * p.scale * x
