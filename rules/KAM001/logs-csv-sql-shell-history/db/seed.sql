-- seed data for local development
INSERT INTO api_keys (name, value) VALUES ('prod', 'kam_shncNdp0M0TE2o1OzErOnYlewT84g8UbLAYlhDtR');
INSERT INTO api_keys (name, value) VALUES ('docs', 'kam_your_api_key_here');
-- kaman-lint: ignore[KAM001] -- fixture key of the integration database
INSERT INTO api_keys (name, value) VALUES ('ci', 'kam_8gCjYo1Sfo9BxUIhBpN9raKjPHj456svPtTXgrIC5oP68Rer');
