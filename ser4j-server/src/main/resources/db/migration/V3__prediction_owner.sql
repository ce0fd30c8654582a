-- Which API key made each prediction, so that with keys on a key sees only its own predictions and their feedback.
-- NULL: made while keys were off (or before this column existed); such rows are visible only while keys are off.
ALTER TABLE predictions ADD COLUMN owner VARCHAR(36);
CREATE INDEX predictions_by_owner ON predictions (owner, created_at);
