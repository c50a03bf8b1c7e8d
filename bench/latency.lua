-- wrk reports its figures as one JSON line on stdout when the run ends (latency in microseconds).
done = function(summary, latency, requests)
  local seconds = summary.duration / 1000000
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_us": %d, "p95_us": %d, "p99_us": %d, "errors": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), errors))
end
