-- ID tokens may be signed with RS256 for clients that require it (ES256 stays the default).
alter table oauth_client add column id_token_signed_response_alg varchar(8);
