// Bell-icon notifications for the signed-in patient. Subscribed once when the page boots.
const userId = document.querySelector('meta[name="user-id"]')?.content;

if (userId) {
    // ruleid: public-channel-sensitive-data
    // ok: connection-leak
    window.Echo.channel('notifications.' + userId).listen('.appointment.reminder', (event) => {
        const badge = document.getElementById('notification-count');
        badge.textContent = String(Number(badge.textContent || '0') + 1);
        window.dispatchEvent(new CustomEvent('notification', { detail: event }));
    });

    // The same feed on Laravel's private user channel (new inbox, behind a feature flag).
    // ok: public-channel-sensitive-data
    // ok: connection-leak
    window.Echo.private(`App.Models.User.${userId}`).notification((notification) => {
        window.dispatchEvent(new CustomEvent('notification', { detail: notification }));
    });
}
