#!/usr/bin/env python3
"""Drives the Switchboard SOAP ingress with zeep, a SOAP client we did not write, and prints what
happened as one JSON object. It loads the WSDL from the hub, so it only works if the WSDL is usable.

usage: zeep_client.py WSDL_URL API_KEY RUN_ID [--cafile PEM | --insecure]
"""
import argparse
import datetime
import json
import ssl

import requests
import urllib3
import zeep
from zeep.transports import Transport

NS = "{urn:switchboard:events:v1}"


def event(run_id, n, **changes):
    e = {
        "eventId": f"{run_id}-{n}",
        "type": "call.offered",
        "occurredAt": datetime.datetime.now(datetime.timezone.utc),
        "callId": f"{run_id}-call",
        "from": "+14155550100",
        "to": "+14155550199",
        "queue": "billing",
        "attributes": {"attribute": [{"name": "accountNumber", "value": "A-42"}]},
    }
    e.update(changes)
    return e


def result(r):
    return {"eventId": r.eventId, "outcome": r.outcome}


def fault(call):
    try:
        call()
        return {"raised": False}
    except zeep.exceptions.Fault as f:
        fields = [] if f.detail is None else [x.text for x in f.detail.iter(NS + "field")]
        return {"raised": True, "message": f.message, "code": f.code, "fields": fields}


class PinnedCertificateAdapter(requests.adapters.HTTPAdapter):
    """Trusts the certificate in cafile even when it is a self-signed leaf, like the hub's development
    certificate, which OpenSSL refuses as a trust anchor unless partial chains are allowed."""

    def __init__(self, cafile):
        self._context = ssl.create_default_context(cafile=cafile)
        self._context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["ssl_context"] = self._context
        return super().init_poolmanager(*args, **kwargs)


def client(wsdl, api_key, verify):
    session = requests.Session()
    session.verify = verify
    if isinstance(verify, str):
        session.mount("https://", PinnedCertificateAdapter(verify))
    if api_key:
        session.headers["X-Api-Key"] = api_key
    return zeep.Client(wsdl, transport=Transport(session=session, timeout=30, operation_timeout=30))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("wsdl")
    parser.add_argument("api_key")
    parser.add_argument("run_id")
    parser.add_argument("--cafile")
    parser.add_argument("--insecure", action="store_true")
    args = parser.parse_args()
    verify = args.cafile if args.cafile else not args.insecure
    if not verify:
        urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

    c = client(args.wsdl, args.api_key, verify)
    run = args.run_id
    first = event(run, 1)
    out = {
        "submit": result(c.service.SubmitEvent(event=first)),
        "resend": result(c.service.SubmitEvent(event=first)),
        "batch": [result(r) for r in c.service.SubmitEvents(events={"event": [event(run, 2), first, event(run, 3)]})],
        "soap12": result(c.bind("EventsService", "EventsSoap12").SubmitEvent(event=event(run, 4))),
        "invalid": fault(lambda: c.service.SubmitEvent(event=event(run, 5, type="call.bogus"))),
        "invalidBatch": fault(lambda: c.service.SubmitEvents(events={"event": [event(run, 6), event(run, 7, **{"from": "not a number"})]})),
        "anonymous": fault(lambda: client(args.wsdl, None, verify).service.SubmitEvent(event=event(run, 8))),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
