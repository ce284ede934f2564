// Fakes of Twitch for the end-to-end run, on loopback and speaking Twitch's
// protocols (twitch.tv is out of reach here): its OAuth service over HTTP
// (the device code flow answering "authorization_pending" once, validate,
// refresh, revoke), the Helix calls the Streaming screen makes (channel,
// streams, moderation, schedule), and its chat over IRC with Twitch's tags (CAP,
// PASS/NICK checked against the tokens issued, JOIN with its echo,
// USERSTATE, ROOMSTATE, PING).
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer } from "node:net";

export const LOGIN = "nadia_live";
export const USER_CODE = "MONA-2026";

export async function startFakeTwitch() {
  const valid = new Set();
  const unspent = new Set();
  const received = [];
  const connections = new Set();
  const channel = { title: "Session compo du jeudi", gameId: "26936", gameName: "Music" };
  const moderation = [];
  const schedule = [];
  let issued = 0;
  let pending = 1;

  const json = (response, status, body) => {
    response.writeHead(status, { "Content-Type": "application/json" });
    response.end(JSON.stringify(body));
  };
  const empty = (response, status) => {
    response.writeHead(status);
    response.end();
  };
  const issue = () => {
    issued += 1;
    const access = `e2eaccess${issued}x${Date.now()}`;
    const refresh = `e2erefresh${issued}x${Date.now()}`;
    valid.add(access);
    unspent.add(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: 14400, scope: ["chat:read", "chat:edit"], token_type: "bearer" };
  };

  // Helix: the channel (read and changed), streams (offline), moderation.
  function helix(url, body, request, response) {
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!valid.has(token)) return json(response, 401, { error: "Unauthorized", status: 401, message: "Invalid OAuth token" });
    switch (`${request.method} ${url.pathname}`) {
      case "GET /helix/channels":
        return json(response, 200, { data: [{ broadcaster_id: "141981764", broadcaster_login: LOGIN, broadcaster_name: "Nadia_Live", broadcaster_language: "fr", game_id: channel.gameId, game_name: channel.gameName, title: channel.title, delay: 0, tags: [], content_classification_labels: [], is_branded_content: false }] });
      case "PATCH /helix/channels": {
        const changes = JSON.parse(body || "{}");
        if (changes.title) channel.title = changes.title;
        return empty(response, 204);
      }
      case "GET /helix/streams":
        return json(response, 200, { data: [], pagination: {} });
      case "DELETE /helix/moderation/chat": {
        const id = url.searchParams.get("message_id");
        moderation.push(`delete ${id}`);
        // Twitch then tells every chat client, as it does.
        for (const c of connections) for (const name of c.joined) c.socket.write(`@login=someone;room-id=141981764;target-msg-id=${id};tmi-sent-ts=${Date.now()} :tmi.twitch.tv CLEARMSG #${name} :deleted\r\n`);
        return empty(response, 204);
      }
      case "POST /helix/moderation/bans": {
        const data = JSON.parse(body || "{}").data ?? {};
        moderation.push(`ban ${data.user_id} ${data.duration ?? "-"}`);
        return json(response, 200, { data: [{ user_id: data.user_id }] });
      }
      case "POST /helix/schedule/segment": {
        const asked = JSON.parse(body || "{}");
        const broadcast = { id: `eyJzZWdtZW50SUQiOi${schedule.length + 1}`, canceled: false, ...asked };
        schedule.push(broadcast);
        return json(response, 200, { data: scheduled(broadcast) });
      }
      case "PATCH /helix/schedule/segment": {
        const broadcast = schedule.find((b) => b.id === url.searchParams.get("id"));
        if (!broadcast) return json(response, 404, { status: 404, message: "segment not found" });
        const { is_canceled: canceled, ...changes } = JSON.parse(body || "{}");
        Object.assign(broadcast, changes, canceled === undefined ? {} : { canceled });
        return json(response, 200, { data: scheduled(broadcast) });
      }
      case "DELETE /helix/schedule/segment": {
        const at = schedule.findIndex((b) => b.id === url.searchParams.get("id"));
        if (at < 0) return json(response, 404, { status: 404, message: "segment not found" });
        schedule.splice(at, 1);
        return empty(response, 204);
      }
      default:
        return json(response, 404, { status: 404, message: "not found" });
    }
  }

  // The channel's schedule as Twitch answers about one broadcast.
  function scheduled(broadcast) {
    const start = new Date(broadcast.start_time);
    const end = new Date(start.getTime() + Number(broadcast.duration ?? 240) * 60_000);
    const segment = { id: broadcast.id, start_time: start.toISOString(), end_time: end.toISOString(), title: broadcast.title ?? "", canceled_until: null, category: broadcast.category_id ? { id: broadcast.category_id, name: "Music" } : null, is_recurring: Boolean(broadcast.is_recurring) };
    return { segments: [segment], broadcaster_id: "141981764", broadcaster_name: "Nadia_Live", broadcaster_login: LOGIN, vacation: null };
  }

  const http = createHttpServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const fields = new URLSearchParams(body);
      for (const [key, value] of url.searchParams) fields.set(key, value);
      switch (url.pathname) {
        case "/oauth2/device":
          return json(response, 200, { device_code: "e2e-device", expires_in: 1800, interval: 1, user_code: USER_CODE, verification_uri: `https://www.twitch.tv/activate?device-code=${USER_CODE}` });
        case "/oauth2/token":
          if (fields.get("grant_type") === "refresh_token") {
            if (!unspent.delete(fields.get("refresh_token") ?? "")) return json(response, 400, { status: 400, message: "Invalid refresh token" });
            return json(response, 200, issue());
          }
          if (pending > 0) {
            pending -= 1;
            return json(response, 400, { status: 400, message: "authorization_pending" });
          }
          return json(response, 200, issue());
        case "/oauth2/validate": {
          const token = (request.headers.authorization ?? "").replace(/^OAuth /, "");
          if (!valid.has(token)) return json(response, 401, { status: 401, message: "invalid access token" });
          return json(response, 200, { client_id: "e2eclient", login: LOGIN, scopes: ["chat:read", "chat:edit"], user_id: "141981764", expires_in: 14000 });
        }
        case "/oauth2/revoke":
          valid.delete(fields.get("token") ?? "");
          return empty(response, 200);
        default:
          return helix(url, body, request, response);
      }
    });
  });

  const irc = createTcpServer((socket) => {
    const connection = { socket, joined: new Set(), login: "" };
    connections.add(connection);
    let token = "";
    let buffer = "";
    const send = (line) => socket.write(`${line}\r\n`);
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        received.push(line);
        if (line.startsWith("CAP REQ")) send(":tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands");
        else if (line.startsWith("PASS oauth:")) token = line.slice("PASS oauth:".length);
        else if (line.startsWith("NICK ")) {
          connection.login = line.slice(5);
          if (!valid.has(token)) {
            send(":tmi.twitch.tv NOTICE * :Login authentication failed");
            socket.end();
            return;
          }
          for (const code of ["001", "002", "003", "004", "375", "372", "376"]) send(`:tmi.twitch.tv ${code} ${connection.login} :-`);
          send(`@badge-info=;badges=;color=;display-name=${connection.login};emote-sets=0;user-id=141981764;user-type= :tmi.twitch.tv GLOBALUSERSTATE`);
        } else if (line.startsWith("JOIN ")) {
          for (const name of line.slice(5).split(",").map((c) => c.replace(/^#/, ""))) {
            const login = connection.login;
            send(`:${login}!${login}@${login}.tmi.twitch.tv JOIN #${name}`);
            send(`:${login}.tmi.twitch.tv 353 ${login} = #${name} :${login}`);
            send(`:${login}.tmi.twitch.tv 366 ${login} #${name} :End of /NAMES list`);
            send(`@badge-info=;badges=${name === login ? "broadcaster/1" : ""};color=;display-name=${login};emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #${name}`);
            send(`@emote-only=0;followers-only=-1;r9k=0;room-id=141981764;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #${name}`);
            connection.joined.add(name);
          }
        } else if (line.startsWith("PING")) send(`:tmi.twitch.tv PONG tmi.twitch.tv${line.slice(4)}`);
      }
    });
    socket.on("close", () => connections.delete(connection));
    socket.on("error", () => connections.delete(connection));
  });

  await new Promise((done) => http.listen(0, "127.0.0.1", done));
  await new Promise((done) => irc.listen(0, "127.0.0.1", done));
  return {
    env: {
      MONA_TWITCH_OAUTH_URL: `http://127.0.0.1:${http.address().port}/oauth2/`,
      MONA_TWITCH_HELIX_URL: `http://127.0.0.1:${http.address().port}/helix/`,
      MONA_TWITCH_IRC_URL: `irc://127.0.0.1:${irc.address().port}`,
    },
    /** Whether the app's chat joined `channel`. */
    joined: (name) => [...connections].some((c) => c.joined.has(name)),
    /** A chat message from `login`, tagged as Twitch tags them. */
    say(name, login, id, text) {
      const line = `@badge-info=;badges=subscriber/6;color=#1E90FF;display-name=${login};emotes=;first-msg=0;id=${id};mod=0;room-id=141981764;subscriber=1;tmi-sent-ts=${Date.now()};turbo=0;user-id=2002;user-type= :${login}!${login}@${login}.tmi.twitch.tv PRIVMSG #${name} :${text}`;
      for (const c of connections) if (c.joined.has(name)) c.socket.write(`${line}\r\n`);
    },
    received: (needle) => received.filter((line) => line.includes(needle)),
    /** What moderation Helix was asked ("delete id", "ban user seconds"). */
    moderation: () => [...moderation],
    /** The broadcasts on the channel's schedule, as the app sent them. */
    schedule: () => structuredClone(schedule),
    close() {
      for (const c of connections) c.socket.destroy();
      http.close();
      irc.close();
    },
  };
}
