#!/usr/bin/env python3
"""Summarises a JFR recording of catalog-service: the share of CPU samples (inclusive) spent in each area.
Usage: jfr print --events jdk.ExecutionSample --stack-depth 200 rec.jfr | deploy/bench/catalog-jfr-summary.py -"""
import sys, re, collections

buckets = [("ES256 signature (sun.security.ec / intpoly)", re.compile(r"sun\.security\.(ec|util\.math)")),
           ("jose4j / smallrye-jwt parsing", re.compile(r"org\.jose4j|io\.smallrye\.jwt")),
           ("quarkus-oidc (other)", re.compile(r"io\.quarkus\.oidc")),
           ("Hibernate Reactive / ORM", re.compile(r"org\.hibernate")),
           ("Vert.x PG client", re.compile(r"io\.vertx\.pgclient|io\.vertx\.sqlclient")),
           ("Jackson", re.compile(r"com\.fasterxml\.jackson")),
           ("Netty", re.compile(r"io\.netty")),
           ("SHA-256 (MessageDigest)", re.compile(r"sun\.security\.provider\.(SHA|Digest)")),
           ("catalog code", re.compile(r"com\.cumulus"))]
total = 0; counts = collections.Counter(); stack = []; inside = False
def flush():
    global total
    if stack:
        total += 1
        text = "\n".join(stack)
        for name, rx in buckets:
            if rx.search(text): counts[name] += 1
for line in (sys.stdin if sys.argv[1] == "-" else open(sys.argv[1])):
    if "stackTrace = [" in line: inside = True; stack = []; continue
    if inside and line.strip().startswith("]"): inside = False; flush(); stack = []; continue
    if inside: stack.append(line.strip())
print(f"{total} samples")
for name, _ in buckets: print(f"  {100*counts[name]/max(total,1):5.1f}%  {name}")
