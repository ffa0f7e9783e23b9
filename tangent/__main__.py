"""Print the derivative of a function in a file: python -m tangent file.py:func [--wrt x,y]."""
import argparse
import importlib.util
import pathlib
import sys

import tangent


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m tangent', description=__doc__)
    parser.add_argument('target', help='path/to/file.py:function_name')
    parser.add_argument('--wrt', default=None,
                        help='comma-separated parameter names or positions (default: the first)')
    parser.add_argument('--mode', default='reverse', choices=['reverse', 'forward'],
                        help='differentiation mode')
    parser.add_argument('--raw', action='store_true', help='show the unoptimised output')
    args = parser.parse_args(argv)

    path, _, name = args.target.rpartition(':')
    if not path or not name:
        parser.error('target must look like path/to/file.py:function_name')
    spec = importlib.util.spec_from_file_location('__tangent_target__', path)
    if spec is None:
        parser.error('cannot load %s' % path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(pathlib.Path(path).resolve().parent))  # its sibling imports
    spec.loader.exec_module(module)
    func = getattr(module, name, None)
    if func is None:
        parser.error('%s defines no %s' % (path, name))
    wrt = (0,)
    if args.wrt:
        wrt = tuple(int(entry) if entry.isdigit() else entry for entry in args.wrt.split(','))
    try:
        derivative = tangent.autodiff(func, wrt=wrt, mode=args.mode, optimized=not args.raw)
        sys.stdout.write(tangent.source(derivative))
    except tangent.TangentError as exc:
        sys.stderr.write('%s\n' % exc)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
