"""For every claim and every one of its droppable hypotheses: search with that hypothesis dropped and print
the minimal counterexample (or that none was found in the claim's range, with how many of the evaluated
cases violate it). Structural hypotheses (the predicate skips their violating cases anyway) are listed
as such, not searched.

Run: `python -m proofs_checks.hypotheses [--json] [--claims shallow.rank-vs-regions-1d,shallow.rank-upper-1d]`.
"""

import argparse
import json
import sys

from relugeom.claims import all_claims, get_claim, search


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", help="only these claims (comma-separated)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    claims = [get_claim(n) for n in args.claims.split(",")] if args.claims else all_claims()
    rows = []
    for claim in claims:
        for hypothesis in claim.hypotheses:
            if hypothesis.structural:
                rows.append({"claim": claim.name, "dropped": [hypothesis.name], "structural": hypothesis.structural})
                if not args.json:
                    print(f"{claim.name} without {hypothesis.name}: structural, not searched ({hypothesis.structural})")
                continue
            result = search(claim, dropped=[hypothesis.name])
            rows.append(result.to_dict())
            if not args.json:
                head = f"{claim.name} without {hypothesis.name}:"
                if result.shrunk is None:
                    print(f"{head} no counterexample in {result.cases} cases ({result.admitted} violate it)")
                else:
                    print(f"{head} {result.outcome.detail}")
                    print(f"    network {result.shrunk.network.to_json()}")
                    print(f"    inputs  {json.dumps(rows[-1]['counterexample']['inputs'])}")
    if args.json:
        print(json.dumps({"searches": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
