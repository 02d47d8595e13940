#!/usr/bin/env python3
"""Writes the example CloudWatch Logs events in this folder (see README.md). Deterministic: fixed
timestamps, ids and gzip headers, so running it again gives the same events."""
import base64
import gzip
import hashlib
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OWNER = "123456789012"
FILTERS = ["logdrain"]
rng = random.Random(20240514)


def event_id():
    # CloudWatch Logs event ids are 56 decimal digits
    return str(rng.randrange(10 ** 55, 10 ** 56))


def payload(group, stream, start_ms, messages, step_ms=137):
    return {
        "messageType": "DATA_MESSAGE",
        "owner": OWNER,
        "logGroup": group,
        "logStream": stream,
        "subscriptionFilters": FILTERS,
        "logEvents": [
            {"id": event_id(), "timestamp": start_ms + i * step_ms, "message": m}
            for i, m in enumerate(messages)
        ],
    }


def lambda_event(decoded):
    raw = json.dumps(decoded, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    data = gzip.compress(raw, compresslevel=9, mtime=0)
    return {"awslogs": {"data": base64.b64encode(data).decode("ascii")}}


def write(name, document, pretty=True):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2 if pretty else None, ensure_ascii=False)
        f.write("\n")


# 2024-05-14T09:30:00Z
T0 = 1715679000000

ecs = payload("/ecs/orders", "web/web/0123456789abcdef0123456789abcdef", T0 + 112, [
    '10.0.12.34 - - [14/May/2024:09:30:00 +0000] "GET /health HTTP/1.1" 200 2 "-" "ELB-HealthChecker/2.0"',
    '{"level":"info","ts":"2024-05-14T09:30:00.249Z","msg":"order created","order_id":"ord_8f3k2j",'
    '"customer_id":"cus_1042","total_cents":4599}',
    '10.0.12.34 - - [14/May/2024:09:30:00 +0000] "POST /orders HTTP/1.1" 201 87 "-" "orders-web/3.2.1"',
    '{"level":"info","ts":"2024-05-14T09:30:00.523Z","msg":"shipping label printed","order_id":"ord_8f3k2j",'
    '"address":"Müllerstraße 5, 80331 München"}',
    '{"level":"warn","ts":"2024-05-14T09:30:00.660Z","msg":"slow query","query":"orders_by_customer",'
    '"duration_ms":812}',
    '{"level":"error","ts":"2024-05-14T09:30:00.797Z","msg":"payment provider unavailable",'
    '"error":"dial tcp 10.0.3.17:443: connect: connection refused","attempt":3}',
])
write("ecs-service.json", lambda_event(ecs))
write("ecs-service.decoded.json", ecs)

request = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"
fn = payload("/aws/lambda/orders-api", "2024/05/14/[$LATEST]4f1d2c3b5a6e47c8b9d0a1b2c3d4e5f6", T0 + 62123, [
    "INIT_START Runtime Version: nodejs:20.v22\tRuntime Version ARN: arn:aws:lambda:eu-west-1::runtime:"
    "0a25e3e7a1cc9ce404bc435eeb2ad358d8fa64338e618d0c224fe509403583ca\n",
    f"START RequestId: {request} Version: $LATEST\n",
    f"2024-05-14T09:31:02.397Z\t{request}\tINFO\tReserving stock for order ord_8f3k2j (3 items)\n",
    f"2024-05-14T09:31:02.534Z\t{request}\tERROR\tError: inventory service returned 503 Service Unavailable\n"
    "    at reserve (/var/task/inventory.js:41:11)\n"
    "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)\n"
    "    at async Runtime.handler (/var/task/index.mjs:18:5)\n",
    f"END RequestId: {request}\n",
    f"REPORT RequestId: {request}\tDuration: 412.37 ms\tBilled Duration: 413 ms\tMemory Size: 512 MB\t"
    "Max Memory Used: 91 MB\tInit Duration: 187.52 ms\t\n",
])
write("lambda-function.json", lambda_event(fn))

control = {
    "messageType": "CONTROL_MESSAGE",
    "owner": "CloudwatchLogs",
    "logGroup": "",
    "logStream": "",
    "subscriptionFilters": [],
    "logEvents": [{"id": "", "timestamp": T0,
                   "message": "CWL CONTROL MESSAGE: Checking health of destination Lambda function."}],
}
write("control-message.json", lambda_event(control))

# A batch the function could not deliver: after its retries, Lambda sent the invocation record to the
# function's on-failure destination (an SQS queue or an S3 bucket), with the original event in requestPayload.
worker = payload("/ecs/orders", "worker/worker/fedcba9876543210fedcba9876543210", T0 + 300000, [
    "Processing job refund-7731 for order ord_77c1q0",
    "Refund of 12.50 EUR sent to payment provider (ref rf_3KJ9)",
    "Job refund-7731 done in 1.84s",
])
record = {
    "version": "1.0",
    "timestamp": "2024-05-14T09:36:41.118Z",
    "requestContext": {
        "requestId": "b0a4f2e1-7c3d-4b5a-9e8f-1a2b3c4d5e6f",
        "functionArn": f"arn:aws:lambda:eu-west-1:{OWNER}:function:logdrain-Function-1A2B3C4D5E6F:$LATEST",
        "condition": "RetriesExhausted",
        "approximateInvokeCount": 3,
    },
    "requestPayload": lambda_event(worker),
    "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
    "responsePayload": {
        "errorType": "DeliveryFailedException",
        "errorMessage": "tcp+tls://logs.example.com:6514: 3 of 3 events not delivered (connection refused)",
    },
}
write("on-failure-record.json", record)

# The same record as `aws sqs receive-message --queue-url URL` prints it when the destination is a queue.
body = json.dumps(record, separators=(",", ":"))
write("sqs-receive-message.json", {"Messages": [{
    "MessageId": "4f0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d",
    "ReceiptHandle": "AQEBexampleReceiptHandle4f0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d==",
    "MD5OfBody": hashlib.md5(body.encode("utf-8")).hexdigest(),
    "Body": body,
}]})
