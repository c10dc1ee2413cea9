"""Every change to a case, one audited action each (Zulip's do_* pattern): lock the case, check who may act and
whether the state allows it, append the event, update the case, write one audit record, refresh the clock cache.

`at` lets the demo and imports replay history with real timestamps; `on` (a date) overrides the legal date where the
law counts another day than the recording one (a registered letter signed for yesterday, Art. 31).

The actions live by stage of the procedure — `intake` (提交, 确认收到), `routing` (分办, 转办), `pauses` (补正, 征求意见,
延期), `fees` (109号), `answer` (答复, 审核, 送达, 逾期办结, the released documents), `followup` (Art. 44, 复议/诉讼) — on
`base` (the gate through `rules.TRANSITIONS`, the event log, the clock cache). Everything is re-exported here:
callers write `from gongkai.foi import actions; actions.assign(...)`.
"""

from ..rules import ActionError
from .answer import (
    RELEASED_STATUSES,
    RELEASED_TYPES,
    attach_released_file,
    close_lapsed,
    deliver,
    department_reply,
    max_released_bytes,
    remove_released_file,
    review,
)
from .base import notify_applicant, recompute_open_clocks, refresh_clock
from .fees import issue_fee_notice, record_payment, requests_in_month
from .followup import decide_remedy, file_remedy, mark_for_proactive_disclosure
from .intake import HASH_PURPOSE, DuplicateSubmission, check_secret, confirm_receipt, secret_hash, submit
from .pauses import (
    answer_consultation,
    approve_extension,
    open_consultations,
    receive_correction,
    request_correction,
    start_consultation,
)
from .routing import assign, transfer

__all__ = [
    "HASH_PURPOSE",
    "RELEASED_STATUSES",
    "RELEASED_TYPES",
    "ActionError",
    "DuplicateSubmission",
    "answer_consultation",
    "approve_extension",
    "assign",
    "attach_released_file",
    "check_secret",
    "close_lapsed",
    "confirm_receipt",
    "decide_remedy",
    "deliver",
    "department_reply",
    "file_remedy",
    "issue_fee_notice",
    "mark_for_proactive_disclosure",
    "max_released_bytes",
    "notify_applicant",
    "open_consultations",
    "receive_correction",
    "recompute_open_clocks",
    "record_payment",
    "refresh_clock",
    "remove_released_file",
    "request_correction",
    "requests_in_month",
    "review",
    "secret_hash",
    "start_consultation",
    "submit",
    "transfer",
]
