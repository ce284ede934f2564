//! A fake obs-websocket 5 server on loopback, for the faults a real OBS
//! cannot be made to show on demand: "not ready" at start, a connection
//! that goes silent, a request that is never answered.
//!
//! It speaks the real protocol (Hello, Identify with the SHA-256 challenge,
//! Identified, requests and events as JSON text frames) and holds a tiny
//! state: three scenes and the one on air.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tokio::net::TcpListener;
use tokio_websockets::{CloseCode, Message, ServerBuilder};

/// How the fake behaves; changed by the test while it runs.
#[derive(Default)]
pub struct Behaviour {
    pub password: Option<String>,
    /// Requests answered with 207 (not ready) before the fake is ready.
    pub not_ready_answers: AtomicU32,
    /// Every connection stops answering (and stays open) from now on.
    pub silent: AtomicBool,
    /// Request types never answered.
    pub unanswered: Mutex<HashSet<String>>,
    /// The OBS version the fake claims.
    pub obs_version: Mutex<Option<String>>,
    /// Recording now (StartRecord / StopRecord); OBS 30.2's habit of
    /// sometimes not announcing the stop is what the fake plays: it never
    /// sends "stopped".
    pub recording: AtomicBool,
    /// OBS leaves out its "started" event too.
    pub silent_recording: AtomicBool,
}

pub struct FakeObs {
    pub port: u16,
    pub behaviour: Arc<Behaviour>,
    /// Connections opened so far, and open right now (and the most ever
    /// open at once).
    pub opened: Arc<AtomicUsize>,
    pub open_now: Arc<AtomicUsize>,
    pub most_open: Arc<AtomicUsize>,
    program: Arc<Mutex<String>>,
    task: tokio::task::JoinHandle<()>,
    connections: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl FakeObs {
    pub async fn start(behaviour: Behaviour) -> FakeObs {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port for the fake");
        FakeObs::serve(listener, Arc::new(behaviour))
    }

    /// Starts again on the port of an earlier fake (OBS coming back).
    pub async fn start_on(port: u16, behaviour: Behaviour) -> FakeObs {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("a port for the fake");
        FakeObs::serve(listener, Arc::new(behaviour))
    }

    fn serve(listener: TcpListener, behaviour: Arc<Behaviour>) -> FakeObs {
        let port = listener.local_addr().expect("its address").port();
        let opened = Arc::new(AtomicUsize::new(0));
        let open_now = Arc::new(AtomicUsize::new(0));
        let most_open = Arc::new(AtomicUsize::new(0));
        let program = Arc::new(Mutex::new("Intro".to_owned()));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn({
            let (behaviour, opened, open_now, most_open, program, connections) = (
                Arc::clone(&behaviour),
                Arc::clone(&opened),
                Arc::clone(&open_now),
                Arc::clone(&most_open),
                Arc::clone(&program),
                Arc::clone(&connections),
            );
            async move {
                while let Ok((stream, _)) = listener.accept().await {
                    opened.fetch_add(1, Ordering::SeqCst);
                    let now = open_now.fetch_add(1, Ordering::SeqCst) + 1;
                    most_open.fetch_max(now, Ordering::SeqCst);
                    let (behaviour, open_now, program) = (
                        Arc::clone(&behaviour),
                        Arc::clone(&open_now),
                        Arc::clone(&program),
                    );
                    let connection = tokio::spawn(async move {
                        serve_one(stream, &behaviour, &program).await;
                        open_now.fetch_sub(1, Ordering::SeqCst);
                    });
                    connections.lock().expect("not poisoned").push(connection);
                }
            }
        });
        FakeObs {
            port,
            behaviour,
            opened,
            open_now,
            most_open,
            program,
            task,
            connections,
        }
    }

    pub fn program(&self) -> String {
        self.program.lock().expect("not poisoned").clone()
    }

    /// OBS quits: the port closes and every connection drops without a
    /// goodbye.
    pub fn kill(self) -> u16 {
        self.task.abort();
        for connection in self.connections.lock().expect("not poisoned").drain(..) {
            connection.abort();
        }
        self.port
    }
}

impl Drop for FakeObs {
    fn drop(&mut self) {
        self.task.abort();
        for connection in self.connections.lock().expect("not poisoned").drain(..) {
            connection.abort();
        }
    }
}

fn secret_answer(password: &str, salt: &str, challenge: &str) -> String {
    let secret = STANDARD.encode(Sha256::digest(format!("{password}{salt}")));
    STANDARD.encode(Sha256::digest(format!("{secret}{challenge}")))
}

async fn serve_one(stream: tokio::net::TcpStream, behaviour: &Behaviour, program: &Mutex<String>) {
    let Ok((_request, mut ws)) = ServerBuilder::new().accept(stream).await else {
        return;
    };
    let (salt, challenge) = ("c2FsdA==", "Y2hhbGxlbmdl");
    let mut hello = json!({"obsWebSocketVersion": "5.5.2", "rpcVersion": 1});
    if behaviour.password.is_some() {
        hello["authentication"] = json!({"challenge": challenge, "salt": salt});
    }
    if ws
        .send(Message::text(json!({"op": 0, "d": hello}).to_string()))
        .await
        .is_err()
    {
        return;
    }

    while let Some(Ok(message)) = ws.next().await {
        if behaviour.silent.load(Ordering::SeqCst) {
            continue;
        }
        let Some(text) = message.as_text() else {
            if message.is_close() {
                return;
            }
            continue;
        };
        let Ok(frame) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let data = &frame["d"];
        match frame["op"].as_u64() {
            Some(1) => {
                if let Some(password) = &behaviour.password {
                    let expected = secret_answer(password, salt, challenge);
                    if data["authentication"].as_str() != Some(expected.as_str()) {
                        let code = CloseCode::try_from(4009).expect("a close code");
                        let _ = ws
                            .send(Message::close(Some(code), "Authentication failed."))
                            .await;
                        return;
                    }
                }
                let identified = json!({"op": 2, "d": {"negotiatedRpcVersion": 1}});
                if ws
                    .send(Message::text(identified.to_string()))
                    .await
                    .is_err()
                {
                    return;
                }
            }
            Some(6) => {
                let kind = data["requestType"].as_str().unwrap_or_default().to_owned();
                let id = data["requestId"].clone();
                if behaviour
                    .unanswered
                    .lock()
                    .expect("not poisoned")
                    .contains(&kind)
                {
                    continue;
                }
                let not_ready = behaviour
                    .not_ready_answers
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok();
                let (status, response, event) = if not_ready {
                    (
                        json!({"result": false, "code": 207, "comment": "OBS is not ready"}),
                        Value::Null,
                        None,
                    )
                } else {
                    answer(&kind, &data["requestData"], behaviour, program)
                };
                let mut d = json!({"requestType": kind, "requestId": id, "requestStatus": status});
                if !response.is_null() {
                    d["responseData"] = response;
                }
                if ws
                    .send(Message::text(json!({"op": 7, "d": d}).to_string()))
                    .await
                    .is_err()
                {
                    return;
                }
                if let Some(event) = event
                    && ws.send(Message::text(event.to_string())).await.is_err()
                {
                    return;
                }
            }
            _ => {}
        }
    }
}

const SCENES: [&str; 3] = ["Intro", "Live", "Pause"];

fn scene_uuid(name: &str) -> String {
    let n = SCENES.iter().position(|s| *s == name).unwrap_or(9);
    format!("6d6f6e61-0000-4000-8000-00000000001{n}")
}

/// The answer to one request: its status, its data, and the event it
/// causes.
fn answer(
    kind: &str,
    request: &Value,
    behaviour: &Behaviour,
    program: &Mutex<String>,
) -> (Value, Value, Option<Value>) {
    let ok = json!({"result": true, "code": 100});
    match kind {
        "GetVersion" => {
            let version = behaviour
                .obs_version
                .lock()
                .expect("not poisoned")
                .clone()
                .unwrap_or_else(|| "30.2.3".to_owned());
            (
                ok,
                json!({
                    "obsVersion": version, "obsWebSocketVersion": "5.5.2", "rpcVersion": 1,
                    "availableRequests": ["GetVersion", "GetStats", "GetSceneList", "SetCurrentProgramScene"],
                    "supportedImageFormats": ["png"], "platform": "debian",
                    "platformDescription": "Debian GNU/Linux (fake)"
                }),
                None,
            )
        }
        "GetStats" => (
            ok,
            json!({
                "cpuUsage": 1.5, "memoryUsage": 200.0, "availableDiskSpace": 10000.0,
                "activeFps": 30.0, "averageFrameRenderTime": 0.4,
                "renderSkippedFrames": 0, "renderTotalFrames": 900,
                "outputSkippedFrames": 0, "outputTotalFrames": 900,
                "webSocketSessionIncomingMessages": 1, "webSocketSessionOutgoingMessages": 1
            }),
            None,
        ),
        "GetStreamStatus" => (
            ok,
            json!({
                "outputActive": false, "outputReconnecting": false, "outputTimecode": "00:00:00.000",
                "outputDuration": 0, "outputCongestion": 0.0, "outputBytes": 0,
                "outputSkippedFrames": 0, "outputTotalFrames": 0
            }),
            None,
        ),
        "GetRecordStatus" => (
            ok,
            json!({
                "outputActive": behaviour.recording.load(Ordering::SeqCst), "outputPaused": false, "outputTimecode": "00:00:00.000",
                "outputDuration": 0, "outputBytes": 0
            }),
            None,
        ),
        "StartRecord" => {
            behaviour.recording.store(true, Ordering::SeqCst);
            if behaviour.silent_recording.load(Ordering::SeqCst) {
                return (ok, Value::Null, None);
            }
            let event = json!({"op": 5, "d": {
                "eventType": "RecordStateChanged", "eventIntent": 64,
                "eventData": {"outputActive": true, "outputState": "OBS_WEBSOCKET_OUTPUT_STARTED",
                              "outputPath": "/records/fake.mkv"}
            }});
            (ok, Value::Null, Some(event))
        }
        "StopRecord" => {
            behaviour.recording.store(false, Ordering::SeqCst);
            (ok, json!({"outputPath": "/records/fake.mkv"}), None)
        }
        "GetSceneList" => {
            let current = program.lock().expect("not poisoned").clone();
            let scenes: Vec<Value> = SCENES
                .iter()
                .rev()
                .enumerate()
                .map(|(index, name)| {
                    json!({"sceneName": name, "sceneUuid": scene_uuid(name), "sceneIndex": index})
                })
                .collect();
            (
                ok,
                json!({
                    "currentProgramSceneName": current,
                    "currentProgramSceneUuid": scene_uuid(&current),
                    "currentPreviewSceneName": null, "currentPreviewSceneUuid": null,
                    "scenes": scenes
                }),
                None,
            )
        }
        "SetCurrentProgramScene" => {
            let name = request["sceneName"].as_str().unwrap_or_default();
            if !SCENES.contains(&name) {
                return (
                    json!({"result": false, "code": 600, "comment": "No source was found by the name of `sceneName`."}),
                    Value::Null,
                    None,
                );
            }
            *program.lock().expect("not poisoned") = name.to_owned();
            let event = json!({"op": 5, "d": {
                "eventType": "CurrentProgramSceneChanged", "eventIntent": 4,
                "eventData": {"sceneName": name, "sceneUuid": scene_uuid(name)}
            }});
            (ok, Value::Null, Some(event))
        }
        _ => (
            json!({"result": false, "code": 204, "comment": "Your request type is not valid."}),
            Value::Null,
            None,
        ),
    }
}
