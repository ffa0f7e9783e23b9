"""Run all benchmarks: the core ones, then the comparison with peers.

`python -m benchmarks [--write [PATH]] [--show-source] [--skip-peers]` runs
the core benchmarks (benchmarks/core.py; with --write their report goes to
PATH, default docs/benchmarks-core.md), then the peer benchmarks
(benchmarks/peers.py; with --write their report goes to docs/benchmarks.md).
Both reports are printed as markdown.
"""
import argparse
import os
import subprocess
import sys

from benchmarks import core

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv=None):
    parser = argparse.ArgumentParser(prog='python -m benchmarks', description=__doc__.splitlines()[0])
    parser.add_argument('--write', nargs='?', const=core.DEFAULT_OUTPUT, default=None, metavar='PATH',
                        help='write the reports: the core one to PATH (default docs/benchmarks-core.md), '
                        'the peer one to docs/benchmarks.md')
    parser.add_argument('--show-source', action='store_true',
                        help='print the generated derivative source of each workload to stderr')
    parser.add_argument('--skip-peers', action='store_true', help='run the core benchmarks only')
    options = parser.parse_args(argv)
    shared = ['--show-source'] if options.show_source else []
    status = core.main((['--write', options.write] if options.write else []) + shared)
    if status or options.skip_peers:
        return status
    # A fresh interpreter: what the core benchmarks left in this one (allocations,
    # specialised bytecode) would time the peers' code in a different state.
    sys.stdout.flush()
    return subprocess.call([sys.executable, '-m', 'benchmarks.peers']
                           + (['--write'] if options.write else []) + shared, cwd=ROOT)


if __name__ == '__main__':
    sys.exit(main())
