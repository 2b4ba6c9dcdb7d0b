module Notes
  FIREFLIES_API_KEY = '63daac1a-3572-497a-877e-ad1a45a34d36'
end
