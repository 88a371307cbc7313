"""Reading ropa.json (format 3) as a program does: each record with the shared facts it refers to by id.

The file says the controller, its measures, recipients, data subjects and data categories once; a record names
them by id. `standalone_records` puts them back into each record (the shape of format 2), so a test can ask
what an auditor's program finds for one activity.
"""

from __future__ import annotations

from typing import Any


def standalone_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every record with its controller (and this activity's joint controllers), legal bases, recipients, data
    subjects, data categories (with their condition), security measures and policy version resolved."""
    recipients = {r["id"]: r for r in document["recipients"]}
    subjects = {s["id"]: s for s in document["data_subjects"]}
    categories = {c["id"]: c for c in document["data_categories"]}
    bases = document["legal_bases"]
    controller = document["controller"]
    resolved = []
    for record in document["records"]:
        joint = [*controller["joint_controllers"], *record["joint_controllers"]]
        resolved.append(
            {
                **record,
                "policy": document["policy"],
                "controller": {
                    **controller,
                    "joint_controllers": joint,
                },
                "recipients": [recipients[id_] for id_ in record["recipients"]],
                "purposes": [
                    {**p, "legal_basis": None if p["legal_basis"] is None else bases[p["legal_basis"]]}
                    for p in record["purposes"]
                ],
                "legal_bases": [bases[i] for i in record["legal_bases"]],
                "data_subjects": [subjects[id_] for id_ in record["data_subjects"]],
                "data_categories": [
                    {**categories[use["id"]], "condition": use["condition"]} for use in record["data_categories"]
                ],
                "security": {
                    "general_measures": document["security_measures"],
                    "activity_measures": record["security_measures"],
                },
            }
        )
    return resolved


def standalone_record(document: dict[str, Any], id_: str) -> dict[str, Any]:
    return next(r for r in standalone_records(document) if r["id"] == id_)


def provider_name(document: dict[str, Any], cookie: dict[str, Any]) -> str:
    """Who sets or reads a cookie: the controller for a first-party item, else the recipient's name or label."""
    if cookie["provider"] == "first_party":
        return document["controller"]["controller"]["name"]
    recipient = next(r for r in document["recipients"] if r["id"] == cookie["provider"])
    return recipient["name"] or recipient["label"]


def standalone_cookies(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every cookie with the facts it shares with others (`cookie_facts`) put back in."""
    return [{**document["cookie_facts"][c["facts"]], **c} for c in document["cookies"]]
