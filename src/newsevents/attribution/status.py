def event_status(doc, trigger_token, quotes, actors):
    return "asserted", None
