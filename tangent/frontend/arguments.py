"""Matching a call's arguments to a function's parameters, on syntax trees.

tangent rewrites some calls when it generates a derivative: it inlines nested
defs and lambdas (anf.py), packs the extra arguments of a callee that takes
*args or **kwargs into one tuple or dict (anf.py), and passes every argument
of a callee to its derivative by position (transform/base.py). All three
match arguments to parameters by Python's rules, here.

The one thing a syntax tree cannot tell is the length of a starred argument
(`h(*xs)`) or the keys of a `**mapping`: those are accepted only where that
does not matter, as the whole *args or **kwargs of the callee.
"""
import inspect

import gast

POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
VAR_POSITIONAL = inspect.Parameter.VAR_POSITIONAL
VAR_KEYWORD = inspect.Parameter.VAR_KEYWORD
EMPTY = inspect.Parameter.empty


class BindError(Exception):
    """The call does not fit the parameters, or depends on a length known only at run time."""


def is_positional(parameters):
    """Whether every parameter can be passed by position (no *args, **kwargs or keyword-only)."""
    return all(parameter.kind in POSITIONAL for parameter in parameters)


def bind(parameters, args, keywords, name):
    """Each parameter's argument node, in parameter order.

    parameters: inspect.Parameter objects (their defaults may be nodes or values);
    args: argument nodes, gast.Starred for `*seq`; keywords: gast.keyword nodes,
    arg None for `**mapping`. A *args parameter gets a gast.Tuple of the extra
    positional arguments (or the starred sequence), **kwargs a gast.Dict of the
    extra keywords (or the mapping); a missing parameter gets its default as it is.
    name: the function's, for messages.
    """
    parameters = list(parameters)
    positional = [p for p in parameters if p.kind in POSITIONAL]
    var_positional = next((p for p in parameters if p.kind == VAR_POSITIONAL), None)
    var_keyword = next((p for p in parameters if p.kind == VAR_KEYWORD), None)
    bound, extras, starred = _bind_positional(positional, var_positional, args, name)
    named, mapping = _bind_keywords(parameters, var_keyword, keywords, bound, name)
    if mapping is not None:
        unfilled = [p.name for p in parameters if p.kind not in (VAR_POSITIONAL, VAR_KEYWORD)
                    and p.kind != inspect.Parameter.POSITIONAL_ONLY and p.name not in bound]
        if unfilled:
            raise BindError('the keys of **%s are not known when the derivative is generated, so '
                            'tangent cannot tell which parameters of %s it fills; pass %s by name'
                            % (_text(mapping), name, ' and '.join(unfilled)))
        if named:
            raise BindError('tangent cannot merge **%s with the keyword %s passed beside it; put '
                            'it in the dict' % (_text(mapping), named[0].arg))
    result = {}
    for parameter in parameters:
        if parameter.kind == VAR_POSITIONAL:
            result[parameter.name] = starred if starred is not None else gast.Tuple(elts=extras,
                                                                                    ctx=gast.Load())
        elif parameter.kind == VAR_KEYWORD:
            result[parameter.name] = mapping if mapping is not None else gast.Dict(
                keys=[gast.Constant(value=kw.arg, kind=None) for kw in named],
                values=[kw.value for kw in named])
        elif parameter.name in bound:
            result[parameter.name] = bound[parameter.name]
        elif parameter.default is not EMPTY:
            result[parameter.name] = parameter.default
        else:
            raise BindError('%s() missing a required argument: %r' % (name, parameter.name))
    return result


def _bind_positional(positional, var_positional, args, name):
    bound, extras, starred = {}, [], None
    for index, arg in enumerate(args):
        if isinstance(arg, gast.Starred):
            if (index != len(args) - 1 or var_positional is None or extras
                    or len(bound) < len(positional)):
                raise BindError('the length of *%s is not known when the derivative is generated, '
                                'so tangent cannot tell which parameters of %s it fills; pass the '
                                'values one by one, or pass *%s only where the function gathers '
                                'all its remaining positional arguments in *args'
                                % (_text(arg.value), name, _text(arg.value)))
            starred = arg.value
        elif len(bound) < len(positional):
            bound[positional[len(bound)].name] = arg
        elif var_positional is not None:
            extras.append(arg)
        else:
            raise BindError('%s() takes %d positional arguments but %d were given'
                            % (name, len(positional), len(args)))
    return bound, extras, starred


def _bind_keywords(parameters, var_keyword, keywords, bound, name):
    by_name = {p.name: p for p in parameters if p.kind not in (VAR_POSITIONAL, VAR_KEYWORD)
               and p.kind != inspect.Parameter.POSITIONAL_ONLY}
    named, mapping = [], None
    for keyword in keywords:
        if keyword.arg is None:
            if mapping is not None or var_keyword is None:
                raise BindError('the keys of **%s are not known when the derivative is generated '
                                'and %s takes no **kwargs; pass the keyword arguments one by one'
                                % (_text(keyword.value), name))
            mapping = keyword.value
        elif keyword.arg in by_name:
            if keyword.arg in bound:
                raise BindError('%s() got multiple values for argument %r' % (name, keyword.arg))
            bound[keyword.arg] = keyword.value
        elif var_keyword is not None:
            named.append(keyword)
        else:
            raise BindError('%s() got an unexpected keyword argument %r' % (name, keyword.arg))
    return named, mapping


def _text(node):
    from tangent import quoting
    return quoting.to_source(node)
