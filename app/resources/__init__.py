"""Resource pooling: needs, pledges, the pool of offers, matching and progress, quantities and currencies.

The lab records commitments; it processes no payments. Every write checks its rule in app.permissions
again, takes the project's row lock where a stage matters, and records what it changed.

- needs.py: a project's needs, and closing what is left open when the project ends;
- pledges.py: pledges and their moves (PLEDGE_MOVES), a project's and a person's pledges;
- offers.py: the pool of offers, the offers matching a need, and closing the requests for them;
- offer_requests.py: asking an offerer for an offer, and the offerer's answer;
- progress.py: each need's progress and a project's totals;
- money.py: currencies, units, parsing and formatting quantities;
- checks.py and refusals.py: what the modules above share.
"""
