/**
 * Stream reads over the client's gRPC channel, the one its appends and subscriptions use, instead of its Rust bridge.
 *
 * @kurrent/kurrentdb-client 1.3 sends readStream and readAll through a Rust bridge (@kurrent/bridge) with an HTTP/2
 * connection of its own, and that connection leaves Nagle's algorithm on: `strace -k` shows the bridge's hyper
 * connector calling setsockopt(TCP_NODELAY, 0), where grpc-js sets it to 1. A read's request frames then wait for
 * the server's delayed acknowledgement of whatever the client sent last. Against the protocol double on loopback,
 * 40–50 ms for a third to half of all reads, 1–3 ms for the rest (docs/performance.md, "Stream reads over gRPC").
 * KurrentDB's own server runs on the same kernels, so nothing here depends on the double; what a real cluster gives
 * is written down beside it (infra/README.md). On a shared store every HTTP request reads its meeting's stream first
 * (read-your-writes: MeetingAccess.find), so that wait landed on commands and reads alike.
 *
 * The request is the one the client's own subscribeToStream builds, without the subscription and with a count and
 * a direction; the answer is converted by the client's converters, so a read returns what the bridge returned and
 * fails with the same errors (StreamNotFoundError, StreamDeletedError). It uses two protected members of the client
 * (the gRPC stream factory and the call arguments), which the pinned version has; `grpcReadsSupported` says whether
 * a client has them, and the adapter falls back to the client's own read when it has not (a unit test holds that the
 * installed client does, so an upgrade that drops them fails there rather than slowing down unseen).
 *
 * $all is still read through the client's readAll: only start-up reads it (listStreams, headPosition), once.
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

/** Whether this client exposes what a read over its gRPC channel needs. */
export function grpcReadsSupported(client: KurrentDBClient): boolean {
  const c = client as unknown as Partial<GrpcAccess>;
  return typeof c.GRPCStreamCreator === 'function' && typeof c.callArguments === 'function';
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
  let stream: ReadCall | undefined;
  try {
    stream = await open();
    for await (const resp of stream as AsyncIterable<StreamsPb.ReadResp>) {
      if (resp.hasStreamNotFound()) throw new StreamNotFoundError(new Error(`${streamName} not found`), streamName);
      if (resp.hasEvent()) yield convertGrpcEvent(resp.getEvent()!);
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) throw error;
    throw convertToCommandError(error as Error);
  } finally {
    // A reader that stopped early (a tail read's break) leaves nothing open on the channel.
    stream?.cancel();
  }
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
