// Help texts, with examples, for every command.
export const MAIN_HELP = `hwcloud-media: operate Huawei Cloud MPC and VOD from a shell

Usage:
  hwcloud-media mpc delete-task-record <task-id...> [options]
  hwcloud-media vod cancel-transcode <asset-id...> [options]
  hwcloud-media emulator [--port N] [--seed FILE]

Run "hwcloud-media <command> --help" for a command's options and examples.

Credentials come from the environment, never from flags (flags show in the process list):
  HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK   access key pair (AK/SK signing)
  HUAWEICLOUD_SDK_SECURITY_TOKEN           security token, with temporary AK/SK
  HWCLOUD_MEDIA_TOKEN                      an IAM token (X-Auth-Token), instead of AK/SK
  HUAWEICLOUD_SDK_PROJECT_ID               project id, unless --project-id is given

Exit codes: 0 every id done, 1 some id not done, 2 usage error.
`;

const BULK_OPTIONS = `Options:
  --region REGION        region, e.g. cn-north-4 (or --endpoint)
  --endpoint URL         explicit endpoint (https; http only for localhost)
  --project-id ID        project id (default: $HUAWEICLOUD_SDK_PROJECT_ID)
  --from-file FILE       read ids from FILE, one per line ("-" for standard input)
  --concurrency N        requests in flight at once (default 4)
  --rate N               requests started per minute at most (default 100, the documented per-tenant limit)
  --timeout-ms N         limit for each attempt (default 30000)
  --max-attempts N       attempts per id, retries included (default 3)
  --json                 one JSON line per id on standard output
  -h, --help             this help

Ids are taken from the arguments, then --from-file, or from standard input when neither gives any.
A progress bar is drawn on standard error when it is a terminal. Ctrl-C stops starting new ids, lets the
calls in flight finish, and reports every id as done, failed or not attempted.`;

export const MPC_DELETE_HELP = `hwcloud-media mpc delete-task-record: delete transcoding task records (DeleteTranscodingTaskByConsole)

Usage: hwcloud-media mpc delete-task-record <task-id...> [options]

Only records of tasks in a final state (CANCELED, SUCCEEDED, FAILED) can be deleted.
Outcomes: done, not-final (MPC.10213), not-found (MPC.10211), failed, not-attempted.

${BULK_OPTIONS}

Examples:
  export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
  hwcloud-media mpc delete-task-record 100211 100212 --region cn-north-4
  hwcloud-media mpc delete-task-record --from-file finished-tasks.txt --region cn-north-4 --json > results.jsonl
  grep SUCCEEDED tasks.csv | cut -d, -f1 | hwcloud-media mpc delete-task-record --region ap-southeast-3
`;

export const VOD_CANCEL_HELP = `hwcloud-media vod cancel-transcode: cancel queued media asset transcoding tasks (CancelAssetTranscodeTask)

Usage: hwcloud-media vod cancel-transcode <asset-id...> [options]

Only transcoding tasks still waiting in the queue (WAITING_TRANSCODE) can be canceled.
Outcomes: done, not-queued (VOD.10083), not-found (VOD.10062), failed, not-attempted.

${BULK_OPTIONS}

Examples:
  export HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=...
  hwcloud-media vod cancel-transcode f488337c31c8e4622f1590735b134c65 --region cn-north-4
  hwcloud-media vod cancel-transcode --from-file queued-assets.txt --region ap-southeast-3 --rate 60
`;

export const EMULATOR_HELP = `hwcloud-media emulator: run the local emulator of both APIs and their gateway

Usage: hwcloud-media emulator [--port N] [--host 127.0.0.1] [--seed FILE]

The seed file is JSON with the options of startEmulator (tenants, mpcTasks, vodAssets, faults, ...).
Prints the URL it listens on; Ctrl-C stops it.

Examples:
  hwcloud-media emulator --port 8080 --seed seed.json
  hwcloud-media mpc delete-task-record 100211 --endpoint http://127.0.0.1:8080
`;
