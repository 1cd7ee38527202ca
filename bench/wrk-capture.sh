# Sourced by the benchmarks that send captures with wrk. capture_script KEY FILE writes FILE: a wrk script
# that POSTs one capture with the API key KEY and, at the end, prints "non-2xx or errors: N".
capture_script() {
  cat >"$2" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $1"
wrk.body = '{"prompt": "Explain how neural networks learn", "output": "They adjust weights by gradient descent.", "rating": 4, "tags": ["bench"], "context": {"framework": "chain-of-thought"}}'
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
}
