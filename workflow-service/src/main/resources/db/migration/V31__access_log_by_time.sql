-- The cockpit counts public verifications per day over the last 30 days: read by time, not by a full scan.
create index access_log_action_at on access_log(action, at);
