-- V15: MONA's campaign catalogue (ARCHITECTURE.md, "CRM").
--
-- An offer is one of MONA's three tiers (290 €, 390 €, 490 € and up) with a
-- price and a template: the tasks to do (due so many days after the start,
-- given to the seller, to the artist's responsible or to the streamers), the
-- deliverables promised to the artist and the content to publish. Selling an
-- offer to an artist makes the campaign and everything its template says,
-- in one transaction. As for the score's criteria and the pipeline's stages,
-- the catalogue is the core's defaults (`campaigns::DEFAULT_OFFERS`, fixed
-- ids) until the team first changes it.

CREATE TABLE campaign_offers (
    id           TEXT PRIMARY KEY NOT NULL,
    -- The tier the offer belongs to, as `mona_campaigns.offer` records it.
    tier         TEXT NOT NULL CHECK (tier IN ('essential_290', 'boost_390', 'premium_490')),
    name         TEXT NOT NULL,
    price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
    currency     TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),
    -- "490 € and up": the price is the least a sale may ask.
    price_is_minimum INTEGER NOT NULL DEFAULT 0 CHECK (price_is_minimum IN (0, 1)),
    description  TEXT NOT NULL DEFAULT '',
    position     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;

-- One line of an offer's template.
CREATE TABLE offer_template_items (
    id            TEXT PRIMARY KEY NOT NULL,
    offer_id      TEXT NOT NULL,
    part          TEXT NOT NULL CHECK (part IN ('task', 'deliverable', 'content')),
    title         TEXT NOT NULL,
    -- Due this many days after the campaign starts.
    due_after_days INTEGER NOT NULL DEFAULT 0 CHECK (due_after_days BETWEEN 0 AND 365),
    -- Tasks only: who gets it.
    assign_to     TEXT NOT NULL DEFAULT 'seller' CHECK (assign_to IN ('seller', 'responsible', 'streamers')),
    -- Content only: what kind of content.
    content_kind  TEXT CHECK (content_kind IS NULL OR content_kind IN ('post', 'short', 'video', 'story', 'clip', 'other')),
    position      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE INDEX offer_template_items_by_offer ON offer_template_items (offer_id, position) WHERE deleted_at IS NULL;

-- A sold campaign: which offer, when it was sold, whether it is paid.
ALTER TABLE mona_campaigns ADD COLUMN offer_id TEXT;
ALTER TABLE mona_campaigns ADD COLUMN sold_at TEXT;
ALTER TABLE mona_campaigns ADD COLUMN payment_status TEXT NOT NULL DEFAULT 'unpaid'
    CHECK (payment_status IN ('unpaid', 'deposit', 'paid', 'refunded'));
ALTER TABLE mona_campaigns ADD COLUMN paid_on TEXT;
-- Revenue month by month: the sales of each month, covering.
CREATE INDEX mona_campaigns_by_sale ON mona_campaigns (sold_at, status, price_minor, payment_status)
    WHERE deleted_at IS NULL AND sold_at IS NOT NULL;

-- What MONA promised the artist in a campaign, and its proof once delivered.
CREATE TABLE campaign_deliverables (
    id            TEXT PRIMARY KEY NOT NULL,
    campaign_id   TEXT NOT NULL REFERENCES mona_campaigns (id) DEFERRABLE INITIALLY DEFERRED,
    title         TEXT NOT NULL,
    due_on        TEXT,
    status        TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'delivered', 'missed')),
    delivered_at  TEXT,
    proof_url     TEXT,
    proof_asset_id TEXT REFERENCES assets (id) DEFERRABLE INITIALLY DEFERRED,
    position      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
) STRICT;
CREATE INDEX campaign_deliverables_by_campaign ON campaign_deliverables (campaign_id, position) WHERE deleted_at IS NULL;

-- The tasks and content a campaign's template made.
ALTER TABLE tasks ADD COLUMN campaign_id TEXT REFERENCES mona_campaigns (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX tasks_by_campaign ON tasks (campaign_id) WHERE campaign_id IS NOT NULL AND deleted_at IS NULL;
ALTER TABLE spark_content ADD COLUMN campaign_id TEXT REFERENCES mona_campaigns (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX spark_content_by_campaign ON spark_content (campaign_id) WHERE campaign_id IS NOT NULL AND deleted_at IS NULL;
