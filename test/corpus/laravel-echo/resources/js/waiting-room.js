// Patients in the virtual waiting room chat with reception while they wait.
export function joinWaitingRoom(roomId, onMessage) {
    // ruleid: public-channel-sensitive-data
    const channel = window.Echo.channel(`chat.${roomId}`);
    channel.listen('ReceptionMessage', onMessage);

    return () => {
        channel.stopListening('ReceptionMessage');
        window.Echo.leave(`chat.${roomId}`);
    };
}

// Opening hours and delays are public: any visitor of the site may see them.
export function watchOpeningHours(onChange) {
    // ok: public-channel-sensitive-data
    // ok: connection-leak
    const channel = window.Echo.channel('clinic-hours');
    channel.listen('OpeningHoursChanged', onChange);
    return () => window.Echo.leave('clinic-hours');
}
