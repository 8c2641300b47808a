/**
 * Stream reads over the client's gRPC channel, the one its appends and subscriptions use, instead of its Rust bridge.
 *
 * @kurrent/kurrentdb-client 1.3.1 sends readStream and readAll through a Rust bridge (@kurrent/bridge 0.2.2) with an
 * HTTP/2 connection of its own, and that connection leaves Nagle's algorithm on: `strace -k` shows the bridge's hyper
 * connector calling setsockopt(TCP_NODELAY, 0), where grpc-js sets 1. A read's request frames then wait for the
 * server's delayed acknowledgement of what the client sent before, 40 ms on Linux. Upstream measured the same against
 * a real KurrentDB (KurrentDB-Client-Rust issue #232: a median of 42 ms for a read of a missing stream, 0.3 ms with
 * TCP_NODELAY) and fixed it in the Rust client (#233); the bridge on npm does not have the fix yet. Here, against the
 * protocol double on loopback, 16–52 % of reads took 40–50 ms (docs/performance.md, part 9, "Stream reads over the
 * client's gRPC channel"). On a shared store every HTTP request reads its meeting's stream first (read-your-writes:
 * MeetingAccess.find), so the wait landed on commands and reads alike. Once a client release reads with TCP_NODELAY
 * on, this module can go.
 *
 * The request is the one the client's own subscribeToStream builds, without the subscription and with a count and
 * a direction; the answer is converted by the client's converters, so a read yields what the bridge yielded and fails
 * with the client's errors (StreamNotFoundError; StreamDeletedError from the server's trailers). It drives two
 * protected members of the client (its gRPC stream factory and its call arguments), which the pinned version has:
 * `assertGrpcReads` refuses a client without them when the store is opened, and every store the tests open goes
 * through it, so an upgrade that drops them fails there, not at a county's first request.
 *
 * $all is still read through the client's readAll (its bridge): at start-up, by the readiness probe, and by the
 * approver's worklist (listStreams).
 */
import { createRequire } from 'node:module';
import type { KurrentDBClient, ResolvedEvent } from '@kurrent/kurrentdb-client';
import type * as SharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import type * as StreamsGrpcPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import type * as StreamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';

// The generated protobuf classes and the converters are CommonJS inside the client package: loaded from its own
// resolution context, so that they are the very modules the client uses (one copy of google-protobuf and grpc-js).
const clientRequire = createRequire(createRequire(import.meta.url).resolve('@kurrent/kurrentdb-client'));
const V1 = '../generated/kurrentdb/protocols/v1/';
const { ReadReq } = clientRequire(`${V1}streams_pb.js`) as typeof StreamsPb;
const { StreamsClient } = clientRequire(`${V1}streams_grpc_pb.js`) as typeof StreamsGrpcPb;
const { Empty } = clientRequire(`${V1}shared_pb.js`) as typeof SharedPb;
const { convertGrpcEvent, convertToCommandError, createStreamIdentifier, StreamNotFoundError } = clientRequire(
  './utils/index.js',
) as {
  convertGrpcEvent: (event: StreamsPb.ReadResp.ReadEvent) => ResolvedEvent;
  convertToCommandError: (error: Error) => Error;
  createStreamIdentifier: (streamName: string) => SharedPb.StreamIdentifier;
  StreamNotFoundError: new (error: Error, streamName: string) => Error;
};

type StreamsClientInstance = InstanceType<typeof StreamsClient>;
/** `read`'s last overload: (request, metadata, options) → the server's stream of ReadResp. */
type ReadArgs = Parameters<StreamsClientInstance['read']>;
type ReadCall = ReturnType<StreamsClientInstance['read']>;

/** The client's protected members this module drives (Client.GRPCStreamCreator and Client.callArguments in 1.3). */
interface GrpcAccess {
  GRPCStreamCreator: (
    client: typeof StreamsClient,
    debugName: string,
    creator: (client: StreamsClientInstance) => ReadCall,
  ) => () => Promise<ReadCall>;
  callArguments: (
    options: object,
    callOptions?: { deadline: number },
  ) => [NonNullable<ReadArgs[1]>, NonNullable<ReadArgs[2]>];
}

/** Refuses a client without what a read over its gRPC channel needs (a release other than the pinned one). */
export function assertGrpcReads(client: KurrentDBClient): void {
  const c = client as unknown as Partial<GrpcAccess>;
  if (typeof c.GRPCStreamCreator !== 'function' || typeof c.callArguments !== 'function')
    throw new Error(
      'this @kurrent/kurrentdb-client has no GRPCStreamCreator or callArguments, which Tallyroom reads streams through (backend/src/event-store/kurrentdb/grpc-reads.ts); install the version backend/package.json pins',
    );
}

export interface StreamRead {
  /** The revision to start at, or 'end' (with `backwards`, the last event). */
  from: bigint | 'start' | 'end';
  backwards?: boolean;
  maxCount?: bigint;
}

/**
 * The events of `streamName` as the client's readStream yields them; throws StreamNotFoundError for a stream that
 * does not exist and the client's errors otherwise.
 */
export async function* readStreamOverGrpc(
  client: KurrentDBClient,
  streamName: string,
  read: StreamRead,
): AsyncGenerator<ResolvedEvent> {
  const access = client as unknown as GrpcAccess;
  const req = readRequest(streamName, read);
  const open = access.GRPCStreamCreator(StreamsClient, 'readStream', (streams) =>
    // As the bridge and the client's subscriptions: the connection string's credentials, and no deadline on a
    // streaming call (a long stream read at start-up is not cut off at the default 10 s).
    streams.read(req, ...access.callArguments({}, { deadline: Infinity })),
  );
  // Read to the end even after "not found": leaving the call early would cancel it, and a CANCELLED status is what
  // the client's error handler takes for a server that dropped the channel (it closes the channel, appends' and
  // subscriptions' too, and connects again).
  let notFound = false;
  try {
    for await (const resp of (await open()) as AsyncIterable<StreamsPb.ReadResp>) {
      if (resp.hasStreamNotFound()) notFound = true;
      else if (resp.hasEvent()) yield convertGrpcEvent(resp.getEvent()!);
    }
  } catch (error) {
    throw convertToCommandError(error as Error);
  }
  if (notFound) throw new StreamNotFoundError(new Error(`${streamName} not found`), streamName);
}

function readRequest(streamName: string, read: StreamRead): StreamsPb.ReadReq {
  const stream = new ReadReq.Options.StreamOptions();
  stream.setStreamIdentifier(createStreamIdentifier(streamName));
  if (read.from === 'start') stream.setStart(new Empty());
  else if (read.from === 'end') stream.setEnd(new Empty());
  else stream.setRevision(read.from.toString(10));
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  const options = new ReadReq.Options();
  options.setStream(stream);
  options.setResolveLinks(false);
  options.setReadDirection(
    read.backwards ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS,
  );
  // KurrentDB reads at most `count` events; the client's readStream asks for Number.MAX_SAFE_INTEGER when unbounded.
  options.setCount((read.maxCount ?? BigInt(Number.MAX_SAFE_INTEGER)).toString(10));
  options.setUuidOption(uuid);
  options.setNoFilter(new Empty());
  const req = new ReadReq();
  req.setOptions(options);
  return req;
}
