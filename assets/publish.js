/* A view's answer to a filter click, the page's half (callbacks.state.publish, issue 21). Beside its own parts the
   answer brings what the page sets with it: the address, the selection's Store, the links and the summary. They are
   set here, through Dash's request hooks (callbacks.state.renderer_hooks), the moment the answer arrives: a
   callback of the page's own would run only once the charts are drawn, and keep Dash busy for longer.

   Dash drops an answer a later request of the same callback overtook, but it cannot drop what the page sets itself:
   so the page sets it only for the last request sent, and only while the filter controls hold what the answer was
   asked for: the controls of the newest view request sent, or what the address's callback (load, Back, a link, the
   page's buttons) set them to since; and never from a request sent before an answer of the address's callback, which
   restated the page from the controls it read when it was sent. */
(function () {
    var latest = null; // the filter controls as the page holds them, as JSON (null: not known yet)
    var newest = {}; // per callback, the last request sent: Dash drops the answer of any request before it
    var sentAt = new WeakMap(), count = 0; // each request's place in the order they were sent
    var restated = 0; // the place of the last address's request answered: it restated everything sent before it

    // the values of the controls ``ids`` among ``items`` ({id, property, value}), or null if one is missing
    function valuesOf(items, ids) {
        var byId = {};
        (items || []).forEach(function (item) {
            if (item && !Array.isArray(item) && typeof item.id === "string") {
                byId[item.id] = item.value;
            }
        });
        for (var i = 0; i < ids.length; i++) {
            if (!(ids[i] in byId)) {
                return null;
            }
        }
        return ids.map(function (id) { return byId[id]; });
    }

    window.szePublish = {
        // a request is sent: a view's, which takes the controls as inputs, says what they hold
        sent: function (payload, page) {
            sentAt.set(payload, ++count);
            var values = valuesOf(payload && payload.inputs, page.controls);
            if (values) {
                latest = JSON.stringify(values);
                newest[payload.output] = payload;
            }
        },
        // an answer arrived (an overtaken one too): the controls it sets, and the published part it brings
        answered: function (payload, response, page) {
            if (!response || typeof response !== "object") {
                return;
            }
            var ids = page.controls, suffix = page.suffix;
            // a callback's outputs: a list, or one output alone
            var address = [].concat(payload.outputs || []).some(function (out) {
                return out && out.id === page.address;
            });
            if (address) {
                // the address's callback read the controls when it was sent: what a view asked before, it restated
                restated = Math.max(restated, sentAt.get(payload) || 0);
            }
            var held = valuesOf(payload.state, ids);
            if (held && ids.some(function (id) { return response[id] && "value" in response[id]; })) {
                // the address's callback: the controls now hold what it set, and what it left
                latest = JSON.stringify(ids.map(function (id, i) {
                    return response[id] && "value" in response[id] ? response[id].value : held[i];
                }));
            }
            Object.keys(response).forEach(function (id) {
                var published = id.slice(-suffix.length) === suffix && response[id] ? response[id].data : null;
                if (!published || !published.props || newest[payload.output] !== payload ||
                        (sentAt.get(payload) || 0) < restated || JSON.stringify(published.controls) !== latest) {
                    // an answer Dash drops (a later request of the same view), one the address's callback restated
                    // since (Back, presentation mode left), or one the controls left behind
                    return;
                }
                var props = published.props;
                if (props[page.url] && typeof props[page.url].search === "string") {
                    // the address marked as said first: the address's callback does not read back what the page wrote
                    window.dash_clientside.set_props(page.seen, {data: window.location.pathname + props[page.url].search});
                }
                Object.keys(props).forEach(function (target) {
                    window.dash_clientside.set_props(target, props[target]);
                });
            });
        },
    };
})();
