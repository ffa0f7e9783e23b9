"""Analyses: control-flow graph, kinds and activity on normalised code."""
import gast

import stage_cases
from tangent.analysis import cfg
from tangent.analysis.activity import Activity
from tangent.analysis.kinds import ARRAY, SCALAR, Kinds
from tangent.derive import normalize


def assignments(node, name):
    return [stmt for stmt in gast.walk(node)
            if isinstance(stmt, gast.Assign) and isinstance(stmt.targets[0], gast.Name)
            and stmt.targets[0].id == name]


def analyse(func, wrt, param_kinds):
    normalized = normalize(func)
    graph = cfg.Graph(normalized.node.body)
    output = normalized.node.body[-1].value.id
    return normalized, graph, Activity(graph, normalized.scope, wrt, output), \
        Kinds(graph, param_kinds, normalized.scope)


def test_cfg_links_loops_back_to_their_header():
    normalized = normalize(stage_cases.counter_loop)
    graph = cfg.Graph(normalized.node.body)
    (header,) = [node for node in graph.nodes if node.kind == 'for']
    body_end = assignments(normalized.node, 's')[-1]
    assert header in graph.by_stmt[id(body_end)].succ
    assert any(node.kind == 'stmt' for node in header.succ)


def test_an_integer_counter_is_not_active():
    normalized, graph, activity, _ = analyse(stage_cases.counter_loop, ['x'], {'x': SCALAR, 'n': SCALAR})
    (counter_update,) = [s for s in assignments(normalized.node, 'k') if isinstance(s.value, gast.BinOp)]
    assert not activity.is_active(counter_update)
    for update in assignments(normalized.node, 's'):
        assert activity.is_active(update)


def test_values_that_do_not_reach_the_output_are_not_active():
    normalized, graph, activity, _ = analyse(stage_cases.short_circuit, ['x'], {})
    (comparison,) = [s for s in assignments(normalized.node, 'both') if isinstance(s.value, gast.Compare)
                     and 'x_slice' in cfg.names_in(s.value)]
    assert not activity.is_active(comparison)


def test_kinds_follow_argument_types():
    normalized, graph, _, kinds = analyse(stage_cases.counter_loop, ['x'], {'x': SCALAR, 'n': SCALAR})
    final = normalized.node.body[-2]
    assert kinds.after(graph, final)['out'] == SCALAR
    normalized, graph, _, kinds = analyse(stage_cases.counter_loop, ['x'], {'x': ARRAY, 'n': SCALAR})
    assert kinds.after(graph, normalized.node.body[-2])['out'] != SCALAR


def test_liveness_solver_handles_loops():
    normalized = normalize(stage_cases.counter_loop)
    graph = cfg.Graph(normalized.node.body)
    facts = cfg.solve(graph, lambda node, live: (live - node.kills) | node.uses,
                      lambda a, b: a | b, frozenset(), backward=True)
    (header,) = [node for node in graph.nodes if node.kind == 'for']
    live_at_header = facts[header][1]
    assert {'s', 'k', 'n'} <= live_at_header
