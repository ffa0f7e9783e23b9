"""Records: containers whose parts are read as attributes (`p.W`).

tuple, list and dict are handled directly by the run-time helpers. This module
knows the containers with named fields: `collections.namedtuple` and
`typing.NamedTuple` classes, `@dataclass` classes, and any class a user
registers with `register_container`. The gradient or tangent of a record is a
record of the same class whose fields hold the fields' gradients, so a user gets
back exactly the structure they passed in.

Gradients of dataclasses are built without calling the class's `__init__`: a
gradient is not a valid instance in the user's sense (a string field's gradient
is None, a `__post_init__` check may reject it), and frozen dataclasses must
still be buildable. Registered classes are built by their own `from_fields`.
"""
import dataclasses

_REGISTERED = {}  # class -> (to_fields, from_fields)
_record_classes = {}  # class -> whether its instances are records (is_record's cache)


def register_container(cls, to_fields, from_fields):
    """Let tangent differentiate through instances of `cls`.

    `to_fields(obj)` returns a dict from field name to value; the names are the
    attributes the differentiated code reads (`obj.name`). `from_fields(fields)`
    builds an instance from such a dict: tangent calls it to build gradients and
    tangents, whose fields are gradients (None for fields that carry none).

        tangent.register_container(
            Affine, lambda a: {'W': a.W, 'b': a.b}, lambda f: Affine(f['W'], f['b']))
    """
    if not isinstance(cls, type):
        raise TypeError('register_container expects a class, got %r' % (cls,))
    if not (callable(to_fields) and callable(from_fields)):
        raise TypeError('register_container expects two functions: to_fields(obj) -> dict '
                        'and from_fields(dict) -> obj')
    _REGISTERED[cls] = (to_fields, from_fields)
    _record_classes.clear()  # subclasses of cls are records now too


def is_namedtuple(value):
    return isinstance(value, tuple) and hasattr(type(value), '_fields')


def _registered(cls):
    for klass in cls.__mro__:
        if klass in _REGISTERED:
            return _REGISTERED[klass]
    return None


def is_record(value):
    """True for dataclass instances and registered containers (namedtuples are tuples).

    Asked of every gradient the run-time helpers combine, so the answer is kept per class.
    """
    cls = type(value)
    known = _record_classes.get(cls)
    if known is None:
        known = _record_classes[cls] = _registered(cls) is not None or dataclasses.is_dataclass(cls)
    return known


def is_record_class(cls):
    """True for classes whose calls build records, namedtuples included."""
    return (isinstance(cls, type) and (_registered(cls) is not None or dataclasses.is_dataclass(cls)
                                       or (issubclass(cls, tuple) and hasattr(cls, '_fields'))))


def fields(record):
    """The fields of a record as a dict (name -> value), in declaration order."""
    registered = _registered(type(record))
    if registered is not None:
        return dict(registered[0](record))
    return {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}


def rebuild(like, values):
    """A record of `like`'s class holding `values` (a dict over its fields)."""
    cls = type(like)
    registered = _registered(cls)
    if registered is not None:
        return registered[1](values)
    record = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(record, name, value)  # also for frozen dataclasses
    return record


def field_names(cls):
    """The fields of a dataclass or namedtuple class, or None when only instances know them."""
    if isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, '_fields'):
        return list(cls._fields)
    if dataclasses.is_dataclass(cls) and _registered(cls) is None:
        return [field.name for field in dataclasses.fields(cls)]
    return None


def map_structure(function, first, *rest):
    """`function` applied to corresponding leaves of containers of the same structure.

    The result has `first`'s structure and container types. Used by checks and
    tests that treat any argument (array, dict of dataclasses, ...) as one vector.
    """
    if isinstance(first, (list, tuple)):
        parts = [map_structure(function, item, *(other[index] for other in rest))
                 for index, item in enumerate(first)]
        return type(first)(*parts) if is_namedtuple(first) else type(first)(parts)
    if isinstance(first, dict):
        return {key: map_structure(function, item, *(other[key] for other in rest))
                for key, item in first.items()}
    if is_record(first):
        others = [fields(other) for other in rest]
        return rebuild(first, {name: map_structure(function, item, *(other[name] for other in others))
                               for name, item in fields(first).items()})
    return function(first, *rest)


def leaves(value):
    """The leaves of a container, depth first in field order."""
    found = []
    map_structure(found.append, value)
    return found
