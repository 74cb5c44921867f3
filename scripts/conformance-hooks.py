# Schemathesis hooks for scripts/conformance.mjs (it passes the values in the environment).
import datetime
import json
import os
import uuid

import schemathesis
from schemathesis.core.parameters import ParameterLocation

# A list's cursor is valid only when the API issued it for that list (anything else is 422), which
# no generator can guess: a schema-valid (positive) cursor is swapped for a real one of that list;
# an invalid (negative) one is sent as generated, so its 422 is still checked.
CURSORS = json.loads(os.environ.get("CONFORMANCE_CURSORS", "{}"))
# The fuzzer reuses ids from earlier answers, its own key's among them: revoking or deleting that
# key would leave the rest of the run with 401s. Such a call goes to another key of the project.
OWN_KEY = os.environ.get("CONFORMANCE_OWN_KEY")
OTHER_KEYS = json.loads(os.environ.get("CONFORMANCE_OTHER_KEYS", "[]"))
# A channel named in a body must exist in the project (an unknown slug is 422), which no generator
# can guess either: schema-valid bodies name the project's real channels; invalid ones go as made.
CHANNELS = json.loads(os.environ.get("CONFORMANCE_CHANNELS", "[]"))


def real_channels(generated):
    return CHANNELS[: max(1, min(len(generated), len(CHANNELS)))]


def expire_next_month(body):
    """A key's custom expiry must be a day in the next five years, which depends on today: a
    schema-valid body names one 30 days ahead (an invalid one goes as made)."""
    if isinstance(body, dict) and isinstance(body.get("expiresOn"), str):
        body["expiresOn"] = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()


def name_real_channels(body):
    if not CHANNELS or not isinstance(body, dict):
        return
    if isinstance(body.get("channel"), str):
        body["channel"] = CHANNELS[0]
    if isinstance(body.get("channels"), list) and body["channels"]:
        body["channels"] = real_channels(body["channels"])
    target = body.get("target")
    if isinstance(target, dict) and isinstance(target.get("channels"), list):
        target["channels"] = real_channels(target["channels"])


def positive(case, location):
    """Whether the case's `location` ("query", "header") was generated to fit the schema."""
    components = case.meta.components if case.meta else {}
    modes = [c.mode.value for loc, c in components.items() if getattr(loc, "value", loc) == location]
    return not modes or modes[0] == "positive"


@schemathesis.hook
def before_call(context, case, kwargs):
    if positive(case, "body"):
        name_real_channels(case.body)
        expire_next_month(case.body)
    real = CURSORS.get(case.operation.path)
    if real is not None and case.query and "cursor" in case.query and positive(case, "query"):
        case.query["cursor"] = real
    # The generator repeats short values, so most valid Idempotency-Keys would be reused with
    # another body (409) and valid If-Match values name a version the object does not have (412):
    # both right answers, but then the body is never checked. Valid ones become a fresh key and `*`.
    if case.headers and positive(case, "header") and {"Idempotency-Key", "If-Match"} & case.headers.keys():
        if "Idempotency-Key" in case.headers:
            case.headers["Idempotency-Key"] = uuid.uuid4().hex
        if "If-Match" in case.headers:
            case.headers["If-Match"] = "*"
        # Still schema-valid, but Schemathesis would re-check the edited headers together with the
        # Authorization header it added (undeclared, so "invalid") and stop treating the case as
        # positive; recording the edit as already checked keeps it positive.
        case._meta.update_validated_hash(ParameterLocation.HEADER, case._hash_container(case.headers))
    if OWN_KEY and OTHER_KEYS and case.method.upper() in ("POST", "DELETE") and (case.path_parameters or {}).get("id") == OWN_KEY:
        case.path_parameters["id"] = OTHER_KEYS[0]
