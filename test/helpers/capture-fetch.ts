// A fetch that records the Request it is given and answers 204, for driving openapi-fetch without a network.
export function captureFetch(status = 204) {
  const requests: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    requests.push(input instanceof Request ? input : new Request(input, init));
    return new Response(null, { status });
  };
  return { fetch, requests };
}
