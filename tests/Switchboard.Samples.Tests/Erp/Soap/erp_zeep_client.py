#!/usr/bin/env python3
"""Drives the demo ERP's SOAP service with zeep, a SOAP client we did not write, and prints what
happened as one JSON object. It builds every call from the ERP's WSDL, so it only works if the WSDL
describes the service truthfully.

usage: erp_zeep_client.py WSDL_URL API_KEY
"""
import argparse
import decimal
import json

import requests
import zeep
from zeep.transports import Transport


def client(wsdl, api_key):
    session = requests.Session()
    if api_key:
        session.headers["X-Api-Key"] = api_key
    return zeep.Client(wsdl, transport=Transport(session=session, timeout=30, operation_timeout=30))


def customer(c):
    return {"customerNo": c.CustomerNo, "name": c.Name, "phone": c.Phone, "email": c.Email,
            "createdAt": c.CreatedAt.isoformat()}


def order(o):
    return {
        "orderNo": o.OrderNo, "customerNo": o.CustomerNo, "status": o.Status, "currency": o.Currency,
        "total": str(o.Total), "createdAt": o.CreatedAt.isoformat(), "changedAt": o.ChangedAt.isoformat(),
        "lines": [{"sku": l.Sku, "description": l.Description, "quantity": str(l.Quantity), "unitPrice": str(l.UnitPrice)}
                  for l in (o.Lines.Line if o.Lines is not None else [])],
    }


def outcome(call):
    try:
        return {"raised": False, "value": call()}
    except zeep.exceptions.Fault as f:
        return {"raised": True, "kind": "fault", "code": f.code, "message": f.message}
    except zeep.exceptions.TransportError as e:
        return {"raised": True, "kind": "transport", "status": e.status_code, "message": e.message}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("wsdl")
    parser.add_argument("api_key")
    args = parser.parse_args()

    c = client(args.wsdl, args.api_key)
    found = c.service.FindCustomersByPhone(phone="+86 21 6235 0188")
    nobody = c.service.FindCustomersByPhone(phone="+1 212 555 0000")
    created = c.service.CreateOrder(customerNo="C10238", currency="GBP", lines={"NewLine": [
        {"Sku": "PAP-A4-80", "Quantity": decimal.Decimal("2")},
        {"Sku": "SPECIAL-1", "Description": "Custom engraved name plate", "Quantity": decimal.Decimal("1.5"),
         "UnitPrice": decimal.Decimal("12.40")},
    ]})
    soap12 = c.bind("ErpService", "ErpSoap12")
    out = {
        "found": [customer(x) for x in (found or [])],
        "nobody": [customer(x) for x in (nobody or [])],
        "created": {"orderNo": created.OrderNo, "status": created.Status},
        "order": order(c.service.GetOrder(orderNo=created.OrderNo)),
        "confirmed12": order(soap12.ConfirmOrder(orderNo=created.OrderNo)),
        "unknown": outcome(lambda: c.service.GetOrder(orderNo="SO-2026-99999")),
        "unknown12": outcome(lambda: soap12.GetOrder(orderNo="SO-2026-99999")),
        "invalid": outcome(lambda: c.service.CreateOrder(customerNo="C10238", lines={"NewLine": [
            {"Sku": "PAP-A4-80", "Quantity": decimal.Decimal("0")}]})),
        "anonymous": outcome(lambda: client(args.wsdl, None).service.GetOrder(orderNo=created.OrderNo)),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
