-- The Equity Dashboard database: every table the dashboard reads.
-- Built into a new file and swapped in whole (equity/db.py); never altered in place.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL            -- is_demo, region_name, as_of, built_at, generator
);

CREATE TABLE sources (
    source_id   VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    publisher   VARCHAR NOT NULL,
    vintage     VARCHAR NOT NULL,
    url         VARCHAR,
    license     VARCHAR,
    file_sha256 VARCHAR,
    rows        BIGINT,
    imported_at TIMESTAMP NOT NULL,
    notes       VARCHAR               -- what the publisher says about its figures (WONDER's caveats), as text
);

CREATE TABLE areas (
    area_id    VARCHAR PRIMARY KEY,   -- Census GEOID with leading zeros (state 2, county 5, place 7, tract
                                      -- 11 digits); a ZCTA is 'Z' + its 5 digits ('Z02134'), never
                                      -- taken for a county; or the organisation's own id
    name       VARCHAR NOT NULL,
    level      VARCHAR NOT NULL CHECK (level IN ('state', 'county', 'tract', 'zcta', 'custom')),
    parent_id  VARCHAR,               -- state > county > tract; a place's state; a ZCTA's state if known
    population BIGINT CHECK (population >= 0),
    geometry   BLOB,                  -- WKB, WGS84, full detail
    geometry_drawn BLOB,              -- WKB, WGS84, simplified with shared borders kept, for drawing
    centroid_lon DOUBLE,
    centroid_lat DOUBLE
);

-- Which region holds which area, in one place for every query: each area with itself (depth 0), its
-- parent (1) and its parent's parent (2), e.g. a tract with itself, its county and its state. "The areas
-- inside $region" is `area_id IN (SELECT area_id FROM area_regions WHERE region_id = $region)`; "the
-- places above $area" is `region_id` where `area_id = $area`. Read as a semi-join (IN), an area is listed
-- once however many ways it lies in the region.
CREATE VIEW area_regions AS
SELECT area_id, area_id AS region_id, 0 AS depth FROM areas
UNION ALL
SELECT area_id, parent_id AS region_id, 1 AS depth FROM areas WHERE parent_id IS NOT NULL
UNION ALL
SELECT a.area_id, p.parent_id AS region_id, 2 AS depth
FROM areas a
JOIN areas p ON p.area_id = a.parent_id
WHERE p.parent_id IS NOT NULL
UNION ALL
-- The nation ('US', equity.db.NATION_ID) holds every state and what lies in them, once more than one
-- state is loaded: a region of its own, one level above the states.
SELECT a.area_id, 'US' AS region_id, r.depth + 1 AS depth
FROM areas a
JOIN (
    SELECT area_id, 0 AS depth FROM areas WHERE level = 'state'
    UNION ALL SELECT c.area_id, 1 FROM areas c JOIN areas s ON s.area_id = c.parent_id WHERE s.level = 'state'
    UNION ALL SELECT t.area_id, 2 FROM areas t JOIN areas c ON c.area_id = t.parent_id
              JOIN areas s ON s.area_id = c.parent_id WHERE s.level = 'state'
) r USING (area_id)
WHERE (SELECT count(*) FROM areas WHERE level = 'state') > 1;

CREATE TABLE indicators (
    indicator_id    VARCHAR PRIMARY KEY,
    label           VARCHAR NOT NULL,
    description     VARCHAR NOT NULL,
    domain          VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL CHECK (unit IN ('percent', 'per_100k', 'per_1k', 'years', 'dollars', 'index')),
    higher_is_worse BOOLEAN NOT NULL,
    source_id       VARCHAR NOT NULL REFERENCES sources (source_id),
    measure_type    VARCHAR NOT NULL DEFAULT 'crude'  -- crude or age_adjusted
);

CREATE TABLE indicator_values (
    indicator_id VARCHAR NOT NULL REFERENCES indicators (indicator_id),
    area_id      VARCHAR NOT NULL REFERENCES areas (area_id),
    period       INTEGER NOT NULL,
    group_dim    VARCHAR NOT NULL,    -- 'all', race_ethnicity, income, age, sex
    group_label  VARCHAR NOT NULL,    -- 'All' when group_dim is 'all'
    value        DOUBLE,
    ci_low       DOUBLE,
    ci_high      DOUBLE,
    numerator    BIGINT,
    denominator  BIGINT,
    flag         VARCHAR CHECK (flag IN ('suppressed', 'unreliable', 'no_data'))
    -- One row per (indicator_id, area_id, period, group_dim, group_label): checked when a database is
    -- built (equity.db.duplicate_value), not by a primary-key index, which for a national tract file
    -- (3 million rows) needs more memory than a small machine has, and which no query needs.
);

-- The nation as a whole, where a source publishes it (County Health Rankings' United States row, a
-- generic table's rows for area 'US', the demo's fictional nation): the benchmark places are compared
-- with. It has no shape and no parent, so it lives apart from indicator_values; published_values shows
-- it as area 'US' (equity.db.NATION_ID), protected by the same rules.
CREATE TABLE national_values (
    indicator_id VARCHAR NOT NULL REFERENCES indicators (indicator_id),
    period       INTEGER NOT NULL,
    group_dim    VARCHAR NOT NULL,
    group_label  VARCHAR NOT NULL,
    value        DOUBLE,
    ci_low       DOUBLE,
    ci_high      DOUBLE,
    numerator    BIGINT,
    denominator  BIGINT,
    flag         VARCHAR CHECK (flag IN ('suppressed', 'unreliable', 'no_data')),
    PRIMARY KEY (indicator_id, period, group_dim, group_label)
);

-- Values withheld to protect small numbers, computed at build time by equity/privacy.py:
-- 'small_count' (a count from 1 to min_count - 1) or 'complementary' (it would let one be worked out).
CREATE TABLE withheld (
    indicator_id VARCHAR NOT NULL,
    area_id      VARCHAR NOT NULL,
    period       INTEGER NOT NULL,
    group_dim    VARCHAR NOT NULL,
    group_label  VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL CHECK (reason IN ('small_count', 'complementary')),
    PRIMARY KEY (indicator_id, area_id, period, group_dim, group_label)
);

-- The small-count rule, in one place for every query: the threshold the database was built with (meta
-- 'min_count', default 11), and whether a count is one to withhold (1 to min_count - 1; zero and
-- no count at all are not small).
CREATE MACRO min_count() AS (
    SELECT coalesce(max(TRY_CAST(value AS INTEGER)), 11) FROM meta WHERE key = 'min_count'
);
CREATE MACRO is_small(n) AS coalesce(n BETWEEN 1 AND min_count() - 1, false);

-- What every page reads instead of indicator_values (and national_values, as area 'US'): withheld values lose their value, interval,
-- numerator and denominator and read 'suppressed'. Small counts are also caught here directly
-- (threshold: meta 'min_count', default 11), should a build ever leave the withheld table short.
CREATE VIEW published_values AS
WITH marked AS (
    SELECT v.*,
           w.reason IS NOT NULL
           OR is_small(v.numerator)
           OR is_small(v.denominator)
           OR coalesce(v.flag = 'suppressed', false) AS small
    FROM (
        SELECT * FROM indicator_values
        UNION ALL
        SELECT indicator_id, 'US' AS area_id, period, group_dim, group_label, value, ci_low, ci_high,
               numerator, denominator, flag
        FROM national_values
    ) v
    LEFT JOIN withheld w USING (indicator_id, area_id, period, group_dim, group_label)
)
SELECT
    indicator_id, area_id, period, group_dim, group_label,
    CASE WHEN small THEN NULL ELSE value END AS value,
    CASE WHEN small THEN NULL ELSE ci_low END AS ci_low,
    CASE WHEN small THEN NULL ELSE ci_high END AS ci_high,
    CASE WHEN small THEN NULL ELSE numerator END AS numerator,
    CASE WHEN small THEN NULL ELSE denominator END AS denominator,
    CASE WHEN small THEN 'suppressed' ELSE flag END AS flag
FROM marked;

CREATE TABLE partners (
    partner_id VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('health_system', 'community_organization', 'public_agency',
                                                'foundation', 'school', 'faith_based', 'local_leader'))
);

CREATE TABLE programs (
    program_id      VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,  -- community_health_center, mobile_clinic, school_based, telehealth, chw, health_education
    description     VARCHAR NOT NULL,
    lead_partner_id VARCHAR NOT NULL REFERENCES partners (partner_id),
    start_date      DATE NOT NULL
);

CREATE TABLE program_sites (
    site_id    VARCHAR PRIMARY KEY,
    program_id VARCHAR NOT NULL REFERENCES programs (program_id),
    name       VARCHAR NOT NULL,
    area_id    VARCHAR REFERENCES areas (area_id),
    lon        DOUBLE NOT NULL CHECK (lon BETWEEN -180 AND 180),
    lat        DOUBLE NOT NULL CHECK (lat BETWEEN -90 AND 90)
);

CREATE TABLE program_metrics (
    metric_id        VARCHAR PRIMARY KEY,
    program_id       VARCHAR NOT NULL REFERENCES programs (program_id),
    label            VARCHAR NOT NULL,
    unit             VARCHAR NOT NULL,  -- count, percent
    higher_is_better BOOLEAN NOT NULL,
    -- The question of results-based accountability (Friedman) the metric answers: how much did we do
    -- (sessions held, people seen), how well did we do it (share seen on time, satisfaction), or is anyone
    -- better off (blood pressure controlled, insured). Empty: not yet said (files from before it existed).
    question         VARCHAR CHECK (question IN ('better_off', 'how_well', 'how_much'))
);

CREATE TABLE program_results (
    metric_id VARCHAR NOT NULL REFERENCES program_metrics (metric_id),
    period    DATE NOT NULL,            -- first day of the month reported
    value     DOUBLE,
    target    DOUBLE,
    PRIMARY KEY (metric_id, period)
);

-- People a program served, by home area and group, per year.
CREATE TABLE program_reach (
    program_id  VARCHAR NOT NULL REFERENCES programs (program_id),
    area_id     VARCHAR NOT NULL REFERENCES areas (area_id),
    period      INTEGER NOT NULL,
    group_dim   VARCHAR NOT NULL,
    group_label VARCHAR NOT NULL,
    people      BIGINT NOT NULL CHECK (people >= 0),
    PRIMARY KEY (program_id, area_id, period, group_dim, group_label)
);

CREATE TABLE partner_roles (
    program_id         VARCHAR NOT NULL REFERENCES programs (program_id),
    partner_id         VARCHAR NOT NULL REFERENCES partners (partner_id),
    role               VARCHAR NOT NULL,
    decision_authority VARCHAR NOT NULL CHECK (decision_authority IN ('decides', 'shares', 'advises', 'informed')),
    PRIMARY KEY (program_id, partner_id)
);

-- A promise, in any direction: a partner's to the coalition, the coalition's or a partner's to the
-- community (the actions that answer community input link to theirs), a partner's to another partner.
-- Its row holds the promise as it stands now; commitment_changes keeps every earlier due date and status.
CREATE TABLE commitments (
    commitment_id  VARCHAR PRIMARY KEY,
    partner_id     VARCHAR REFERENCES partners (partner_id),  -- who is accountable; empty: the coalition
    program_id     VARCHAR REFERENCES programs (program_id),
    description    VARCHAR NOT NULL,
    owner          VARCHAR NOT NULL,  -- the role that answers for it ('Program director'), never a name
    made_on        DATE NOT NULL,
    due_date       DATE NOT NULL,     -- the due date now; the first one promised is in commitment_changes
    status         VARCHAR NOT NULL CHECK (status IN ('done', 'in_progress', 'not_started', 'dropped')),
    completed_on   DATE,
    -- To whom it is owed: the coalition, the community, or one partner (to_partner_id). Empty: the
    -- partner named in to_partner_id if any, else the coalition (what every commitment meant before).
    accountable_to VARCHAR CHECK (accountable_to IN ('coalition', 'community', 'partner')),
    to_partner_id  VARCHAR REFERENCES partners (partner_id)
);

-- A commitment's history: on changed_on its due date moved or its status changed, and this row keeps what
-- it was until then (the earlier promise), with the reason given. The commitment's row holds what it is
-- now, so its first due date is the earliest was_due_date here, or its due_date where it never moved.
CREATE TABLE commitment_changes (
    commitment_id VARCHAR NOT NULL REFERENCES commitments (commitment_id),
    changed_on    DATE NOT NULL,
    was_due_date  DATE,                -- the due date until this change, where it moved
    was_status    VARCHAR CHECK (was_status IN ('done', 'in_progress', 'not_started', 'dropped')),
    reason        VARCHAR,             -- why, in the coalition's words, with no names
    PRIMARY KEY (commitment_id, changed_on)
);

CREATE TABLE community_input (
    input_id     VARCHAR PRIMARY KEY,
    method       VARCHAR NOT NULL CHECK (method IN ('survey', 'focus_group', 'listening_session')),
    collected_on DATE NOT NULL,
    area_id      VARCHAR REFERENCES areas (area_id),
    group_dim    VARCHAR NOT NULL,
    group_label  VARCHAR NOT NULL,
    topic        VARCHAR NOT NULL,
    priority_rank INTEGER NOT NULL CHECK (priority_rank >= 1),  -- 1 = the top priority that group named
    participants INTEGER NOT NULL CHECK (participants >= 0),
    summary      VARCHAR NOT NULL     -- what people said, in their words, with no names
);

CREATE TABLE actions (
    action_id   VARCHAR PRIMARY KEY,
    input_id    VARCHAR NOT NULL REFERENCES community_input (input_id),
    partner_id  VARCHAR REFERENCES partners (partner_id),
    description VARCHAR NOT NULL,
    status      VARCHAR NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
    updated_on  DATE NOT NULL,
    commitment_id VARCHAR REFERENCES commitments (commitment_id)  -- the promise it makes to the community
);

-- What partners put into the partnership, per partner, program (empty: the coalition as a whole) and
-- year. The amount is in dollars for funding, in-kind goods and services, and space (the rent it saves),
-- and in hours for staff_hours; dollars and hours are never added together.
CREATE TABLE contributions (
    contribution_id VARCHAR PRIMARY KEY,
    partner_id      VARCHAR NOT NULL REFERENCES partners (partner_id),
    program_id      VARCHAR REFERENCES programs (program_id),
    year            INTEGER NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('funding', 'staff_hours', 'in_kind', 'space')),
    amount          DOUBLE NOT NULL CHECK (amount >= 0),
    description     VARCHAR            -- what it was ('two exam rooms on Tuesdays')
);

-- Impact (issue 11, section 1): the indicators each program aims to move, compared where it serves
-- against elsewhere before and after its start (equity/impact.py); and the dated changes a program
-- records (evening hours, a new nurse), around which its monthly results are compared before and after.
CREATE TABLE program_indicators (
    program_id   VARCHAR NOT NULL REFERENCES programs (program_id),
    -- Not a foreign key: a later load of public data may replace the indicators, and an aim whose
    -- indicator is not loaded (yet) is said so on the page; equity/ingest/org.py checks the ids
    -- against the database's indicators where it holds any.
    indicator_id VARCHAR NOT NULL,
    expected     VARCHAR CHECK (expected IN ('lower', 'higher')),  -- the way it means to move it; empty: the better way
    note         VARCHAR,            -- how the program means to move it, in the coalition's words
    PRIMARY KEY (program_id, indicator_id)
);

CREATE TABLE program_changes (
    program_id  VARCHAR NOT NULL REFERENCES programs (program_id),
    changed_on  DATE NOT NULL,       -- the first day the change was in place
    description VARCHAR NOT NULL,    -- what changed, with no names
    PRIMARY KEY (program_id, changed_on)
);

-- ---- Engagement (issue 12, sections 2 and 4; equity/engagement.py): who took part in each stage of each
-- program, the meetings record and the cadence agreed for each body, capacity built in community
-- partners, and milestones reached. Community members are counted, never named.

-- Who took part in each stage of a program: the community members (a count; 0: none) and when the stage
-- began; the partners who took part are in engagement_partners.
CREATE TABLE engagement_stages (
    program_id        VARCHAR NOT NULL REFERENCES programs (program_id),
    stage             VARCHAR NOT NULL CHECK (stage IN ('needs_assessment', 'planning', 'implementation',
                                                        'evaluation')),
    started_on        DATE,
    community_members INTEGER NOT NULL CHECK (community_members >= 0),
    how               VARCHAR,           -- how they took part ('four listening sessions'), with no names
    PRIMARY KEY (program_id, stage)
);

CREATE TABLE engagement_partners (
    program_id VARCHAR NOT NULL REFERENCES programs (program_id),
    stage      VARCHAR NOT NULL CHECK (stage IN ('needs_assessment', 'planning', 'implementation',
                                                 'evaluation')),
    partner_id VARCHAR NOT NULL REFERENCES partners (partner_id),
    PRIMARY KEY (program_id, stage, partner_id)
);

-- Each body that meets (the coalition, its steering committee, a county's community meetings), with the
-- cadence its members agreed: every every_n weeks or months, since agreed_on (empty: its first meeting).
CREATE TABLE meeting_bodies (
    body_id   VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,          -- 'Elm County community meetings'
    kind      VARCHAR NOT NULL CHECK (kind IN ('coalition', 'community', 'steering')),
    area_id   VARCHAR REFERENCES areas (area_id),  -- where it meets, where that is one place
    every_n   INTEGER NOT NULL CHECK (every_n >= 1),
    unit      VARCHAR NOT NULL CHECK (unit IN ('weeks', 'months')),
    agreed_on DATE
);

CREATE TABLE meetings (
    meeting_id        VARCHAR PRIMARY KEY,
    body_id           VARCHAR NOT NULL REFERENCES meeting_bodies (body_id),
    held_on           DATE NOT NULL,
    community_members INTEGER CHECK (community_members >= 0),  -- empty: not counted
    decisions         INTEGER CHECK (decisions >= 0),          -- how many decisions were taken
    decided           VARCHAR            -- what was decided, in the coalition's words, with no names
);

-- Which partners were present at each meeting.
CREATE TABLE meeting_attendance (
    meeting_id VARCHAR NOT NULL REFERENCES meetings (meeting_id),
    partner_id VARCHAR NOT NULL REFERENCES partners (partner_id),
    PRIMARY KEY (meeting_id, partner_id)
);

-- Capacity building: trainings and support given to a community partner (partner_id), by a partner
-- (given_by_id; empty: the coalition), with how many of its people took part and for how many hours.
CREATE TABLE trainings (
    training_id  VARCHAR PRIMARY KEY,
    partner_id   VARCHAR NOT NULL REFERENCES partners (partner_id),
    given_by_id  VARCHAR REFERENCES partners (partner_id),
    program_id   VARCHAR REFERENCES programs (program_id),
    topic        VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('training', 'coaching', 'technical_assistance',
                                                  'mentoring')),
    held_on      DATE NOT NULL,
    participants INTEGER CHECK (participants >= 0),
    hours        DOUBLE CHECK (hours >= 0)
);

-- Successes the coalition marks: a target met, a commitment kept, a site opened, a program launched,
-- funding secured. The page adds those it can read from the other tables (commitments kept, the first
-- month a measure met its target, programs launched).
CREATE TABLE milestones (
    milestone_id VARCHAR PRIMARY KEY,
    reached_on   DATE NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('target_met', 'commitment_kept', 'site_opened',
                                                  'program_launched', 'funding_secured', 'other')),
    title        VARCHAR NOT NULL,
    program_id   VARCHAR REFERENCES programs (program_id),
    partner_id   VARCHAR REFERENCES partners (partner_id),
    description  VARCHAR
);

-- What the pages and viewers' downloads read of the engagement tables that count community members or
-- participants: a count from 1 to min_count - 1 is withheld (NULL, and few_... true).
CREATE VIEW published_engagement_stages AS
SELECT * REPLACE (CASE WHEN is_small(community_members) THEN NULL ELSE community_members END
                  AS community_members),
       is_small(community_members) AS few_members
FROM engagement_stages;

CREATE VIEW published_meetings AS
SELECT * REPLACE (CASE WHEN is_small(community_members) THEN NULL ELSE community_members END
                  AS community_members),
       is_small(community_members) AS few_members
FROM meetings;

CREATE VIEW published_trainings AS
SELECT * REPLACE (CASE WHEN is_small(participants) THEN NULL ELSE participants END AS participants),
       is_small(participants) AS few_participants
FROM trainings;
-- ---- Partnership health (issue 12 §3; equity/health.py): self-assessment surveys and the partner network.
-- A published instrument's items (the Wilder Collaboration Factors Inventory's factors, the Partnership
-- Self-Assessment Tool's sections), each on its scale; the items of one section share one scale.
CREATE TABLE survey_items (
    item_id    VARCHAR PRIMARY KEY,
    instrument VARCHAR NOT NULL,      -- the published instrument, as it is cited
    section    VARCHAR NOT NULL,      -- its section or factor, as the instrument names it
    item_text  VARCHAR NOT NULL,
    scale_min  INTEGER NOT NULL CHECK (scale_min >= 0),
    scale_max  INTEGER NOT NULL CHECK (scale_max >= 1)  -- above scale_min (equity/ingest/health.py)
);

-- Each time partners were asked: the self-assessment and the partner-ties survey alike.
CREATE TABLE survey_rounds (
    round_id  VARCHAR PRIMARY KEY,
    label     VARCHAR NOT NULL,       -- 'Spring 2024'
    opened_on DATE NOT NULL,
    closed_on DATE
);

-- One rating per respondent, round and item. A respondent is an opaque id, never a name, and carries no
-- partner, so no one's ratings can be told apart; viewers read only published_survey_sections.
CREATE TABLE survey_responses (
    round_id      VARCHAR NOT NULL REFERENCES survey_rounds (round_id),
    respondent_id VARCHAR NOT NULL,
    item_id       VARCHAR NOT NULL REFERENCES survey_items (item_id),
    rating        INTEGER,            -- within the item's scale; empty: not answered (don't know)
    PRIMARY KEY (round_id, respondent_id, item_id)
);

-- Who works with whom, as each partner reported it in a round (PARTNER-style): from_partner_id named
-- to_partner_id as a partner it works with, and how much it trusts and values it (1 to 4, where asked).
CREATE TABLE partner_ties (
    round_id        VARCHAR NOT NULL REFERENCES survey_rounds (round_id),
    from_partner_id VARCHAR NOT NULL REFERENCES partners (partner_id),
    to_partner_id   VARCHAR NOT NULL REFERENCES partners (partner_id),  -- never from_partner_id itself
    trust           INTEGER CHECK (trust BETWEEN 1 AND 4),
    value           INTEGER CHECK (value BETWEEN 1 AND 4),
    PRIMARY KEY (round_id, from_partner_id, to_partner_id)
);

-- What the pages and viewers' downloads read of the self-assessment: per round and section, each
-- respondent's section score (the mean of the items they answered) summed up over respondents as the
-- count, mean and standard deviation; never an item's or a person's rating. A section scored by 1 to
-- min_count - 1 respondents keeps no figures (few_respondents true).
CREATE VIEW published_survey_sections AS
WITH scored AS (
    SELECT r.round_id, i.instrument, i.section, r.respondent_id, avg(r.rating) AS score,
           min(i.scale_min) AS scale_min, max(i.scale_max) AS scale_max
    FROM survey_responses r
    JOIN survey_items i USING (item_id)
    WHERE r.rating IS NOT NULL
    GROUP BY r.round_id, i.instrument, i.section, r.respondent_id
), sections AS (
    SELECT round_id, instrument, section, min(scale_min) AS scale_min, max(scale_max) AS scale_max,
           count(*) AS respondents, avg(score) AS mean_score, stddev_samp(score) AS sd_score
    FROM scored
    GROUP BY round_id, instrument, section
)
SELECT round_id, instrument, section, scale_min, scale_max,
       CASE WHEN is_small(respondents) THEN NULL ELSE respondents END AS respondents,
       CASE WHEN is_small(respondents) THEN NULL ELSE mean_score END AS mean_score,
       CASE WHEN is_small(respondents) THEN NULL ELSE sd_score END AS sd_score,
       is_small(respondents) AS few_respondents
FROM sections;

-- The viewers' template of survey_responses: its columns and no rows, since its rows are individual
-- ratings (editors export them with `python -m equity export org`).
CREATE VIEW published_survey_responses AS
SELECT round_id, respondent_id, item_id, rating FROM survey_responses WHERE false;

-- Community voice (issue 12, section 5): who took part in a piece of community input, by group (from a
-- survey's demographic questions or a session's sign-in sheet), so the people heard can be set against
-- the people who live here. A session that ranked several topics is several rows of community_input
-- sharing its method, date, area, group and participants: its people are counted once (equity/voice.py).
CREATE TABLE input_participants (
    input_id     VARCHAR NOT NULL REFERENCES community_input (input_id),
    group_dim    VARCHAR NOT NULL,    -- race_ethnicity, age, income, sex, language, ...
    group_label  VARCHAR NOT NULL,    -- as the indicators name the group ('Hispanic or Latino')
    participants INTEGER NOT NULL CHECK (participants >= 0),
    PRIMARY KEY (input_id, group_dim, group_label)
);

-- Lessons learned (issue 12, section 6): what the coalition tried, what happened, and what it would do
-- differently, kept so that it and other coalitions can learn from it. Who recorded it is a role, never
-- a name.
CREATE TABLE lessons (
    lesson_id        VARCHAR PRIMARY KEY,
    program_id       VARCHAR REFERENCES programs (program_id),  -- empty: the coalition as a whole
    date             DATE NOT NULL,
    title            VARCHAR NOT NULL,
    what_was_tried   VARCHAR NOT NULL,
    what_happened    VARCHAR NOT NULL,
    do_differently   VARCHAR NOT NULL,
    tags             VARCHAR,             -- separated by semicolons: 'outreach; language access'
    recorded_by_role VARCHAR NOT NULL     -- the role of who recorded it ('Program director'), never a name
);

-- Meeting mode (equity/stories.py): a story is an ordered list of slides, each a view of one page (its URL
-- keys, as a query string: 'ind=uninsured&group=race_ethnicity') and one of its charts, with a title, the
-- sentence shown in large type (empty: the chart's own takeaway) and the presenter's notes.
CREATE TABLE stories (
    story_id VARCHAR PRIMARY KEY,
    title    VARCHAR NOT NULL
);

CREATE TABLE story_slides (
    story_id VARCHAR NOT NULL REFERENCES stories (story_id),
    position INTEGER NOT NULL CHECK (position >= 1),  -- the slide's place in its story, from 1
    page     VARCHAR NOT NULL CHECK (page IN ('overview', 'map', 'disparities', 'programs', 'community')),
    view     VARCHAR,            -- the page's URL keys as a query string; empty: the page's default view
    chart    VARCHAR NOT NULL,   -- the chart's key on that page (equity/state.py PAGE_CHARTS)
    title    VARCHAR NOT NULL,
    takeaway VARCHAR,            -- the sentence in large type; empty: the chart's own takeaway
    notes    VARCHAR,            -- the speaker's notes, shown only in the notes window
    PRIMARY KEY (story_id, position)
);

-- What the pages and viewers' downloads read of program_reach: people served from each home area, a
-- small count withheld (people NULL, few_people true). Only the whole population's rows: the pages
-- show no reach by group, and beside each area's total a withheld group could be worked out.
CREATE VIEW published_reach AS
SELECT program_id, area_id, period, group_dim, group_label,
       CASE WHEN is_small(people) THEN NULL ELSE people END AS people,
       is_small(people) AS few_people
FROM program_reach
WHERE group_dim = 'all';

-- Reach and equity of reach (the Programs page's "Who are we reaching?"): what the pages read of
-- program_reach by group. A group's count of people served from one home area is shown only where the
-- area's own count is (published_reach), and never where it is small; and since the groups of one
-- breakdown add up to the area's count, which is shown, a lone withheld group would be that count less
-- the others: so where a breakdown withholds one group, or several adding up to fewer than min_count,
-- its smallest shown group (not a zero, which protects nothing) is withheld too. A region's total of a
-- group is a sum of these cells alone, so it shows nothing the cells do not.
CREATE VIEW published_reach_groups AS
WITH cells AS (
    SELECT g.program_id, g.area_id, g.period, g.group_dim, g.group_label, g.people,
           is_small(g.people) AS small
    FROM program_reach g
    JOIN program_reach a
      ON a.program_id = g.program_id AND a.area_id = g.area_id AND a.period = g.period
     AND a.group_dim = 'all'
    WHERE g.group_dim <> 'all' AND NOT is_small(a.people)
), ranked AS (
    SELECT *,
           count(*) FILTER (WHERE small) OVER breakdown AS small_cells,
           coalesce(sum(people) FILTER (WHERE small) OVER breakdown, 0) AS small_people,
           row_number() OVER (
               PARTITION BY program_id, area_id, period, group_dim, small OR coalesce(people, 0) = 0
               ORDER BY people, group_label
           ) AS order_shown
    FROM cells
    WINDOW breakdown AS (PARTITION BY program_id, area_id, period, group_dim)
), marked AS (
    SELECT *,
           small OR (NOT small AND coalesce(people, 0) > 0 AND order_shown = 1 AND small_cells > 0
                     AND (small_cells = 1 OR small_people < min_count())) AS hidden
    FROM ranked
)
SELECT program_id, area_id, period, group_dim, group_label,
       CASE WHEN hidden THEN NULL ELSE people END AS people,
       hidden AS few_people
FROM marked;

-- What the pages and viewers' downloads read of program_results: a monthly count from 1 to min_count - 1
-- is withheld (value NULL, few_people true). A metric that is not a percent counts people or what few
-- people did (patients seen, sessions held), so every such count is treated as a count of people.
CREATE VIEW published_results AS
WITH marked AS (
    SELECT r.*, coalesce(m.unit, '') <> 'percent' AND is_small(r.value) AS small
    FROM program_results r
    JOIN program_metrics m USING (metric_id)
)
SELECT metric_id, period, CASE WHEN small THEN NULL ELSE value END AS value, target, small AS few_people
FROM marked;

-- What the pages and viewers' downloads read of community_input: a session or survey of few people
-- keeps its words but not its count (participants NULL, few_participants true).
CREATE VIEW published_community_input AS
SELECT * REPLACE (CASE WHEN is_small(participants) THEN NULL ELSE participants END AS participants),
       is_small(participants) AS few_participants
FROM community_input;

-- What the pages and viewers' downloads read of input_participants: a group of 1 to min_count - 1 people at
-- one piece of input is withheld (participants NULL, few_participants true), and so is, where that leaves
-- it alone or too small to hide among the input's other groups (its total, shown with the input, minus
-- the others would give it away), the smallest other group of that breakdown with people in it.
CREATE VIEW published_input_participants AS
WITH marked AS (
    SELECT p.*, is_small(p.participants) AS small
    FROM input_participants p
),
counted AS (
    SELECT *,
           count(*) FILTER (WHERE small) OVER breakdown AS n_small,
           coalesce(sum(participants) FILTER (WHERE small) OVER breakdown, 0) AS small_sum,
           row_number() OVER (PARTITION BY input_id, group_dim, small OR participants = 0
                              ORDER BY participants, group_label) AS nth
    FROM marked
    WINDOW breakdown AS (PARTITION BY input_id, group_dim)
),
hidden AS (
    SELECT *, small OR (NOT small AND participants > 0 AND nth = 1 AND n_small > 0
                        AND (n_small = 1 OR small_sum < min_count())) AS withheld
    FROM counted
)
SELECT input_id, group_dim, group_label,
       CASE WHEN withheld THEN NULL ELSE participants END AS participants,
       withheld AS few_participants
FROM hidden;

-- What each load read and what did not join the boundaries, so nothing is dropped silently.
CREATE TABLE join_report (
    source_id     VARCHAR NOT NULL,
    file          VARCHAR NOT NULL,
    rows_read     BIGINT NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    rows_unjoined BIGINT NOT NULL,
    examples      VARCHAR          -- a few area ids that did not join, comma-separated
);
